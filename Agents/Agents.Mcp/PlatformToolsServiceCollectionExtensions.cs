using System;
using Agents.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Browser;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Grounding.Ocr;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers every plugin of the platform at once: GUI, affect, emotional support and tool selection.</summary>
public static class PlatformToolsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GUI plugin (Chromium through Playwright, with the grounder <see cref="PlatformToolsOptions.Grounder"/>),
    /// the affect and emotional-support plugins, tool selection (a hybrid retriever over all-MiniLM-L6-v2 embeddings,
    /// registered here unless an embedding generator already is) and the options. The caller registers the
    /// <see cref="IChatClient"/> the model-backed functions use (for example <c>AddLocalVlmChatClient</c>). Build the
    /// kernel with <see cref="PlatformKernel.Create"/> from a scope.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options; validated now.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddPlatformTools(this IServiceCollection services, Action<PlatformToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PlatformToolsOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        if (!services.IsRegistered<IEmbeddingGenerator<string, Embedding<float>>>())
        {
            services.AddMiniLmEmbeddingGenerator();
        }

        if (GrounderFactory.NeedsOcr(options.Grounder))
        {
            services.TryAddSingleton<IOcrEngine>(_ => new TesseractOcrEngine());
        }

        services.TryAddSingleton(sp => GrounderFactory.Create(options.Grounder, new GrounderServices
        {
            Embeddings = GrounderFactory.UsesEmbeddings(options.Grounder) ? sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>() : null,
            Ocr = sp.GetService<IOcrEngine>(),
            ChatClient = GrounderFactory.NeedsModel(options.Grounder) ? sp.GetRequiredService<IChatClient>() : null,
            Loggers = sp.GetService<ILoggerFactory>(),
        }));
        services.TryAddSingleton(new GuiTaskOptions { AllowedOrigins = [.. options.AllowedOrigins], MaxSteps = options.MaxSteps });
        services.AddGuiPlugin(browser => browser.Headless = options.Headless);
        services.AddAffectPlugin();
        services.AddEmotionalSupport();
        services.AddToolSelection();
        return services;
    }

    private static bool IsRegistered<T>(this IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(T))
            {
                return true;
            }
        }

        return false;
    }
}
