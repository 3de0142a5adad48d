using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Plugins.Affect;
using Plugins.Affect.Emotions;
using Plugins.Affect.Text;
using Plugins.Affect.Visual;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the affect plugin's services.</summary>
public static class AffectServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons, <see cref="EmotionClassifier"/> and <see cref="VisualEmotionReader"/> over the
    /// container's <see cref="IChatClient"/> (the caller registers it, e.g. with <c>AddLocalVlmChatClient</c>), their
    /// options, <see cref="ITextSentimentAnalyzer"/> as <see cref="VaderSentimentAnalyzer.Shared"/> (VADER: the
    /// plugin's <c>analyze_sentiment</c> and the classifier's hints), and <see cref="AffectPlugin"/>. Existing
    /// registrations are kept (register another analyzer first to replace VADER). Add the plugin to a kernel with
    /// <c>kernel.Plugins.AddFromObject(sp.GetRequiredService&lt;AffectPlugin&gt;(), "affect")</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configureEmotions">Adjusts the classifier options; validated now.</param>
    /// <param name="configureVisual">Adjusts the visual reader options; validated now.</param>
    /// <param name="configureImages">Adjusts how images given as strings are accepted; validated now.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddAffectPlugin(
        this IServiceCollection services,
        Action<EmotionClassifierOptions>? configureEmotions = null,
        Action<VisualEmotionReaderOptions>? configureVisual = null,
        Action<ImageInputOptions>? configureImages = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var emotions = new EmotionClassifierOptions();
        configureEmotions?.Invoke(emotions);
        emotions.Validate();
        var visual = new VisualEmotionReaderOptions();
        configureVisual?.Invoke(visual);
        visual.Validate();
        var images = new ImageInputOptions();
        configureImages?.Invoke(images);
        images.Validate();

        services.TryAddSingleton(emotions);
        services.TryAddSingleton(visual);
        services.TryAddSingleton(images);
        services.TryAddSingleton<ITextSentimentAnalyzer>(VaderSentimentAnalyzer.Shared);
        services.TryAddSingleton(sp => new EmotionClassifier(
            sp.GetRequiredService<IChatClient>(),
            sp.GetRequiredService<EmotionClassifierOptions>(),
            sp.GetService<ITextSentimentAnalyzer>(),
            sp.GetService<ILogger<EmotionClassifier>>()));
        services.TryAddSingleton(sp => new VisualEmotionReader(
            sp.GetRequiredService<IChatClient>(),
            sp.GetRequiredService<VisualEmotionReaderOptions>(),
            sp.GetService<ILogger<VisualEmotionReader>>()));
        services.TryAddSingleton(sp => new AffectPlugin(
            sp.GetRequiredService<ITextSentimentAnalyzer>(),
            sp.GetRequiredService<EmotionClassifier>(),
            sp.GetRequiredService<VisualEmotionReader>(),
            sp.GetRequiredService<ImageInputOptions>(),
            sp.GetService<ILogger<AffectPlugin>>()));
        return services;
    }
}
