using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.SemanticKernel;
using Plugins.Tools.Selection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tool-selection services.</summary>
public static class ToolSelectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ToolSelectionOptions"/> (validated now), an <see cref="IToolRetriever"/> singleton (a
    /// <see cref="HybridToolRetriever"/> over the container's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
    /// strings, which the caller registers, for example with <c>AddMiniLmEmbeddingGenerator()</c>) and a
    /// <see cref="ToolSelectionPlugin"/> singleton over the container's <see cref="ToolCatalog"/> (registered by the
    /// caller, needed only when the plugin is resolved). Existing registrations are kept; <c>UseToolSelection()</c>
    /// without a retriever takes this one.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IServiceCollection AddToolSelection(this IServiceCollection services, Action<ToolSelectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ToolSelectionOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<IToolRetriever>(sp => new HybridToolRetriever(
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
                ?? throw new InvalidOperationException("The hybrid tool retriever needs an IEmbeddingGenerator<string, Embedding<float>> in the services (for example AddMiniLmEmbeddingGenerator()), or register your own IToolRetriever before AddToolSelection().")));
        services.TryAddSingleton(sp => new ToolSelectionPlugin(
            sp.GetService<ToolCatalog>()
                ?? throw new InvalidOperationException("ToolSelectionPlugin needs a ToolCatalog in the services: register the tools to search (services.AddSingleton(ToolCatalog.FromKernelPlugins(...)))."),
            sp.GetRequiredService<IToolRetriever>(),
            sp.GetRequiredService<ToolSelectionOptions>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="ToolSelectionFilter"/> as a singleton and as the container's
    /// <see cref="IFunctionInvocationFilter"/> and <see cref="IPromptRenderFilter"/> (kernels built from the container
    /// pick filters up from it), over the registered <see cref="IToolRetriever"/> and <see cref="ToolSelectionOptions"/>
    /// (call <see cref="AddToolSelection"/> too).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddToolSelectionFilter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new ToolSelectionFilter(
            sp.GetRequiredService<IToolRetriever>(),
            sp.GetService<ToolSelectionOptions>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<ToolSelectionFilter>()));
        services.AddSingleton<IFunctionInvocationFilter>(sp => sp.GetRequiredService<ToolSelectionFilter>());
        services.AddSingleton<IPromptRenderFilter>(sp => sp.GetRequiredService<ToolSelectionFilter>());
        return services;
    }
}
