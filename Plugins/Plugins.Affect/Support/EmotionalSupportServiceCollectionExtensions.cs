using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plugins.Affect.Support;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the emotional-support services and plugin.</summary>
public static class EmotionalSupportServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons over the container's <see cref="IChatClient"/> (which the caller registers):
    /// <see cref="SupportOptions"/> (validated now), <see cref="StrategyLog"/> (one log for the container),
    /// <see cref="SupportStrategyPlanner"/>, <see cref="SupportResponder"/>, <see cref="SupportConversation"/> and
    /// <see cref="EmotionalSupportPlugin"/>. Add the plugin to a kernel with
    /// <c>kernel.Plugins.AddFromObject(sp.GetRequiredService&lt;EmotionalSupportPlugin&gt;(), "support")</c>. Existing registrations are kept.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IServiceCollection AddEmotionalSupport(this IServiceCollection services, Action<SupportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SupportOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new StrategyLog(sp.GetRequiredService<SupportOptions>().Strategies));
        services.TryAddSingleton(sp => new SupportStrategyPlanner(
            sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<SupportOptions>(), sp.GetService<ILogger<SupportStrategyPlanner>>()));
        services.TryAddSingleton(sp => new SupportResponder(sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<SupportOptions>()));
        services.TryAddSingleton(sp => new SupportConversation(
            sp.GetRequiredService<SupportStrategyPlanner>(), sp.GetRequiredService<SupportResponder>(), sp.GetRequiredService<StrategyLog>()));
        services.TryAddSingleton(sp => new EmotionalSupportPlugin(sp.GetRequiredService<SupportConversation>()));
        return services;
    }
}
