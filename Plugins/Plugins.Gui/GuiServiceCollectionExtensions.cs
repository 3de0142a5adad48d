using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Grounding;
using Plugins.Gui.Seeing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the GUI plugin's services.</summary>
public static class GuiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GuiBrowser"/> as a singleton (one Chromium, closed when the container is disposed
    /// asynchronously), the seeing services (<see cref="PageObserver"/>, <see cref="ElementResolver"/>,
    /// <see cref="HitTester"/>) as singletons, and a scoped <see cref="GuiTaskSession"/> and <see cref="GuiPlugin"/>:
    /// each scope gets one task (its own page, allowed origin and step limit). The caller registers an
    /// <see cref="IGrounder"/> (for example the dom grounder) and, optionally, <see cref="GuiTaskOptions"/> and
    /// <see cref="PageObserverOptions"/>. Existing registrations are kept.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the browser options; they are validated now.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IServiceCollection AddGuiPlugin(this IServiceCollection services, Action<GuiBrowserOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new GuiBrowserOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new GuiBrowser(sp.GetRequiredService<GuiBrowserOptions>(), sp.GetService<ILogger<GuiBrowser>>()));
        services.TryAddSingleton(sp => new PageObserver(sp.GetService<PageObserverOptions>(), sp.GetService<ILogger<PageObserver>>()));
        services.TryAddSingleton<ElementResolver>();
        services.TryAddSingleton<HitTester>();
        services.TryAddScoped(sp => new GuiTaskSession(sp.GetRequiredService<GuiBrowser>(), sp.GetService<GuiTaskOptions>()));
        services.TryAddScoped(sp => new GuiPlugin(
            sp.GetRequiredService<GuiTaskSession>(),
            sp.GetRequiredService<PageObserver>(),
            sp.GetRequiredService<ElementResolver>(),
            sp.GetRequiredService<HitTester>(),
            sp.GetRequiredService<IGrounder>(),
            sp.GetService<ILogger<GuiPlugin>>()));
        return services;
    }
}
