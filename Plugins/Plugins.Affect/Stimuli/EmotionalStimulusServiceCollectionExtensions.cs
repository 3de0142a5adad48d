using System;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Plugins.Affect.Stimuli;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the emotional-stimulus prompt-render filter for Semantic Kernel.</summary>
public static class EmotionalStimulusServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="EmotionalStimulusPromptRenderFilter"/> as an <see cref="IPromptRenderFilter"/> singleton, so a
    /// kernel built from these services (<c>kernelBuilder.Services</c>) applies it. Off until the options set
    /// <c>Enabled = true</c>, and only for the functions in <see cref="EmotionalStimulusOptions.AllowedFunctions"/>.
    /// For Microsoft.Extensions.AI pipelines use <c>UseEmotionalStimulus</c> on the <c>ChatClientBuilder</c> instead.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options (they start disabled); validated now.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IServiceCollection AddEmotionalStimulusPromptFilter(this IServiceCollection services, Action<EmotionalStimulusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new EmotionalStimulusOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton<IPromptRenderFilter>(sp => new EmotionalStimulusPromptRenderFilter(options, sp.GetService<ILogger<EmotionalStimulusPromptRenderFilter>>()));
        return services;
    }
}
