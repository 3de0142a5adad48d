using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Visual;

/// <summary>
/// Visual affect: the VLM first lists visual clues, then states the emotion the image evokes from a label set (the
/// art-emotion set ArtEmis by default), optionally told the image's overall sentiment polarity (II-Bench found such
/// hints raise accuracy). The prompt is <c>Prompts/Affect/Visual/visual-emotion.md</c>; the answer is constrained to
/// <see cref="VisualEmotionResponse.Schema"/> and parsed strictly. An answer that does not parse throws
/// <see cref="EmotionFormatException"/>; an emotion is never invented. Thread-safe when the chat client is.
/// </summary>
public sealed partial class VisualEmotionReader
{
    private readonly IChatClient _chatClient;
    private readonly VisualEmotionReaderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the reader.</summary>
    /// <param name="chatClient">A vision-language model.</param>
    /// <param name="options">The options (validated now); default <see cref="VisualEmotionReaderOptions"/>.</param>
    /// <param name="logger">Logs each request at debug level and each refused answer as a warning.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public VisualEmotionReader(IChatClient chatClient, VisualEmotionReaderOptions? options = null, ILogger<VisualEmotionReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _options = options ?? new VisualEmotionReaderOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the default label set.</summary>
    public EmotionLabelSet LabelSet => _options.LabelSet;

    /// <summary>Reads the emotion an image evokes.</summary>
    /// <param name="image">The image (a <see cref="DataContent"/> with an <c>image/*</c> media type).</param>
    /// <param name="labels">The label set; default <see cref="VisualEmotionReaderOptions.LabelSet"/>.</param>
    /// <param name="polarityHint">The image's overall sentiment, told to the model; optional.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The clues and the emotion.</returns>
    /// <exception cref="ArgumentException">The content is not an image.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<VisualEmotion> ReadAsync(DataContent image, EmotionLabelSet? labels = null, SentimentPolarity? polarityHint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.HasTopLevelMediaType("image"))
        {
            throw new ArgumentException($"The content has media type '{image.MediaType}'; give an image (image/png, image/jpeg, ...).", nameof(image));
        }

        labels ??= _options.LabelSet;
        var hint = polarityHint is { } p ? p.ToString().ToLowerInvariant() : null;
        var prompt = AffectPrompt.Fill(
            AffectPrompt.Visual,
            ("max_clues", _options.MaxClues),
            ("labels", string.Join(", ", labels.Labels)),
            ("hint", hint is null ? string.Empty : AffectPrompt.Fill(AffectPrompt.PolarityHint, ("polarity", hint))));
        var options = AffectChat.Options(_options.ChatOptions, VisualEmotionResponse.Schema(labels, _options.MaxClues, _options.MaxClueLength), "visual_emotion", "Visual clues, then the emotion.", _options.MaxOutputTokens);
        LogRequest(_logger, labels.Name, hint ?? "none");
        var answer = await AffectChat.AskAsync(_chatClient, new ChatMessage(ChatRole.User, [image, new TextContent(prompt)]), options, cancellationToken).ConfigureAwait(false);
        var result = VisualEmotionResponse.Parse(answer, labels, _options.MaxClues, _options.MaxClueLength);
        if (!result.Success)
        {
            LogRefused(_logger, result.Error);
            throw new EmotionFormatException("visual", result.Error, answer);
        }

        return result.Value with { PolarityHint = hint };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Visual emotion request: label set {LabelSet}, polarity hint {Hint}")]
    private static partial void LogRequest(ILogger logger, string labelSet, string hint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's visual emotion answer was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
