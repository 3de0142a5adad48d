using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Plugins.Affect.Emotions;
using Plugins.Affect.Text;
using Plugins.Affect.Visual;

namespace Plugins.Affect;

/// <summary>
/// The Semantic Kernel affect plugin: offline text sentiment (VADER, <c>analyze_sentiment</c>), LLM-backed emotion
/// analysis in the EmoLLMs formats with HEF-style hints (<c>classify_emotions</c>, <c>rate_emotion_intensity</c>,
/// <c>rate_valence</c>, <c>rate_valence_ordinal</c>, <c>find_emotion_cause</c>) and visual affect
/// (<c>read_image_emotion</c>). Every function returns a small record. Bad input throws
/// <see cref="ArgumentException"/> naming it; a model answer that does not parse throws
/// <see cref="EmotionFormatException"/> (Semantic Kernel reports either to the calling model as the function's error).
/// Thread-safe when its services are.
/// </summary>
public sealed partial class AffectPlugin
{
    private readonly ITextSentimentAnalyzer _sentimentAnalyzer;
    private readonly EmotionClassifier _classifier;
    private readonly VisualEmotionReader _visualReader;
    private readonly ImageInputOptions _imageOptions;
    private readonly ILogger _logger;

    /// <summary>Creates the plugin.</summary>
    /// <param name="sentimentAnalyzer">The text sentiment analyzer (VADER).</param>
    /// <param name="classifier">The emotion classifier.</param>
    /// <param name="visualReader">The visual emotion reader.</param>
    /// <param name="imageOptions">How images given as strings are accepted (validated now); default <see cref="ImageInputOptions"/>.</param>
    /// <param name="logger">Logs each call at debug level.</param>
    /// <exception cref="ArgumentException">An image option is invalid.</exception>
    public AffectPlugin(
        ITextSentimentAnalyzer sentimentAnalyzer,
        EmotionClassifier classifier,
        VisualEmotionReader visualReader,
        ImageInputOptions? imageOptions = null,
        ILogger<AffectPlugin>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sentimentAnalyzer);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(visualReader);
        _sentimentAnalyzer = sentimentAnalyzer;
        _classifier = classifier;
        _visualReader = visualReader;
        _imageOptions = imageOptions ?? new ImageInputOptions();
        _imageOptions.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Scores a text's sentiment offline with VADER.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The scores and the words that drove them.</returns>
    [KernelFunction("analyze_sentiment")]
    [Description("Scores the sentiment of a text offline with VADER (no model call). Returns Negative, Neutral and Positive (proportions 0..1 summing to about 1), Compound (-1 most negative .. 1 most positive; >= 0.05 positive, <= -0.05 negative, else neutral) and Drivers: the words that moved the score, each with its valence (-4..4) after negation, boosters and capitals.")]
    public SentimentScores AnalyzeSentiment([Description("The text: a sentence or a short paragraph.")] string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        LogCall(_logger, "analyze_sentiment", text.Length);
        return _sentimentAnalyzer.Analyze(text);
    }

    /// <summary>Multi-label emotion classification.</summary>
    /// <param name="text">The text.</param>
    /// <param name="labelSet">The label set name, or empty for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The labels.</returns>
    [KernelFunction("classify_emotions")]
    [Description("Finds the emotions a text expresses (multi-label, from a fixed label set; by default SemEval-2018 E-c: anger, anticipation, disgust, fear, joy, love, optimism, pessimism, sadness, surprise, trust). Returns Emotions (up to 3 labels, lower-case; empty = no emotion), LabelSet (its name) and Hints (the candidate emotions and cue words a word list proposed to the model first).")]
    public Task<EmotionClassification> ClassifyEmotionsAsync(
        [Description("The text: a sentence or a short paragraph.")] string text,
        [Description("The label set: semeval-ec, ekman (anger, disgust, fear, joy, sadness, surprise) or artemis; empty for the default.")] string labelSet = "",
        CancellationToken cancellationToken = default)
    {
        LogCall(_logger, "classify_emotions", text?.Length ?? 0);
        return _classifier.ClassifyAsync(text!, LabelSetOrDefault(labelSet, nameof(labelSet)), cancellationToken);
    }

    /// <summary>Per-emotion intensity.</summary>
    /// <param name="text">The text.</param>
    /// <param name="emotion">The emotion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The intensity.</returns>
    [KernelFunction("rate_emotion_intensity")]
    [Description("Rates how strongly a text expresses one emotion. Returns Emotion, Intensity (0 = not at all .. 1 = extremely) and Score (the model's integer 0..100; Intensity = Score / 100).")]
    public Task<EmotionIntensity> RateEmotionIntensityAsync(
        [Description("The text: a sentence or a short paragraph.")] string text,
        [Description("The emotion to rate, one of the default label set (e.g. anger, fear, joy, sadness).")] string emotion,
        CancellationToken cancellationToken = default)
    {
        LogCall(_logger, "rate_emotion_intensity", text?.Length ?? 0);
        return _classifier.RateIntensityAsync(text!, emotion, cancellationToken);
    }

    /// <summary>Valence 0..1.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The valence.</returns>
    [KernelFunction("rate_valence")]
    [Description("Rates how positive the writer's mental state is. Returns Valence (0 = very negative, 0.5 = neutral or mixed, 1 = very positive) and Score (the model's integer 0..100; Valence = Score / 100).")]
    public Task<ValenceRating> RateValenceAsync(
        [Description("The text: a sentence or a short paragraph.")] string text,
        CancellationToken cancellationToken = default)
    {
        LogCall(_logger, "rate_valence", text?.Length ?? 0);
        return _classifier.RateValenceAsync(text!, cancellationToken);
    }

    /// <summary>Ordinal valence -3..3.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The class.</returns>
    [KernelFunction("rate_valence_ordinal")]
    [Description("Rates the writer's mental state on seven classes. Returns Level (-3 very negative, -2 moderately negative, -1 slightly negative, 0 neutral or mixed, 1 slightly positive, 2 moderately positive, 3 very positive) and Description (the class in words).")]
    public Task<OrdinalValence> RateValenceOrdinalAsync(
        [Description("The text: a sentence or a short paragraph.")] string text,
        CancellationToken cancellationToken = default)
    {
        LogCall(_logger, "rate_valence_ordinal", text?.Length ?? 0);
        return _classifier.RateValenceOrdinalAsync(text!, cancellationToken);
    }

    /// <summary>The main emotion and its cause.</summary>
    /// <param name="text">The text.</param>
    /// <param name="labelSet">The label set name, or empty for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The emotion and cause.</returns>
    [KernelFunction("find_emotion_cause")]
    [Description("Finds the main emotion of a text and what causes it. Returns Emotion (a label of the set), Cause (words quoted exactly from the text, at most 8) and Start (the character index where the quote begins in the text).")]
    public Task<EmotionCause> FindEmotionCauseAsync(
        [Description("The text: a sentence or a short paragraph.")] string text,
        [Description("The label set: semeval-ec, ekman or artemis; empty for the default.")] string labelSet = "",
        CancellationToken cancellationToken = default)
    {
        LogCall(_logger, "find_emotion_cause", text?.Length ?? 0);
        return _classifier.FindEmotionCauseAsync(text!, LabelSetOrDefault(labelSet, nameof(labelSet)), cancellationToken);
    }

    /// <summary>Visual affect.</summary>
    /// <param name="image">A file path or a data: URI.</param>
    /// <param name="polarityHint">positive, negative, neutral or empty.</param>
    /// <param name="labelSet">The label set name, or empty for the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The clues and emotion.</returns>
    [KernelFunction("read_image_emotion")]
    [Description("Looks at an image, lists its visual clues, then names the emotion it evokes from a label set (by default the art-emotion set ArtEmis: amusement, awe, contentment, excitement, anger, disgust, fear, sadness, something else). Returns Clues (up to 3 short phrases), Emotion (a label of the set), LabelSet and PolarityHint (the hint given, or null).")]
    public Task<VisualEmotion> ReadImageEmotionAsync(
        [Description("The image: a file path (PNG, JPEG, GIF, WebP or BMP) or a data:image/png;base64,... URI.")] string image,
        [Description("Optional overall sentiment of the image if known: positive, negative or neutral; empty for none.")] string polarityHint = "",
        [Description("The label set: artemis, ekman or semeval-ec; empty for the default.")] string labelSet = "",
        CancellationToken cancellationToken = default)
    {
        var content = ImageInput.Load(image, _imageOptions, nameof(image));
        var hint = (polarityHint ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" => (SentimentPolarity?)null,
            "positive" => SentimentPolarity.Positive,
            "negative" => SentimentPolarity.Negative,
            "neutral" => SentimentPolarity.Neutral,
            _ => throw new ArgumentException($"The polarity hint '{polarityHint}' is not positive, negative, neutral or empty.", nameof(polarityHint)),
        };
        LogCall(_logger, "read_image_emotion", content.Data.Length);
        return _visualReader.ReadAsync(content, LabelSetOrDefault(labelSet, nameof(labelSet)), hint, cancellationToken);
    }

    private static EmotionLabelSet? LabelSetOrDefault(string? name, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return EmotionLabelSet.FromName(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, parameterName, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Affect function {Function}: input of {Size} characters or bytes")]
    private static partial void LogCall(ILogger logger, string function, int size);
}
