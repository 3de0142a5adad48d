using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Affect.Text;

namespace Plugins.Affect.Emotions;

/// <summary>
/// LLM-backed emotion classification in the EmoLLMs task formats: multi-label from a fixed set (E-c), per-emotion
/// intensity 0..1 (EI-reg), valence 0..1 (V-reg), ordinal valence -3..3 (V-oc), and the main emotion with its cause
/// quoted from the text. Each call builds the prompt from <c>Prompts/Affect/Emotions/*.md</c> (with the stage-1
/// HEF hints of <see cref="EmotionHintProvider"/> unless <see cref="EmotionClassifierOptions.UseHints"/> is off),
/// asks for the format's JSON schema through <c>ChatOptions.ResponseFormat</c> (enforced by constrained decoding on
/// the local client) and parses the answer strictly (<see cref="EmotionResponseParser"/>). An answer that does not
/// parse throws <see cref="EmotionFormatException"/> (its reason and the raw answer); a label is never invented.
/// Failures of the chat client itself propagate. Thread-safe when the chat client is.
/// </summary>
public sealed partial class EmotionClassifier
{
    private readonly IChatClient _chatClient;
    private readonly EmotionClassifierOptions _options;
    private readonly EmotionHintProvider _hints;
    private readonly ILogger _logger;

    /// <summary>Creates the classifier.</summary>
    /// <param name="chatClient">The model.</param>
    /// <param name="options">The options (validated now); default <see cref="EmotionClassifierOptions"/>.</param>
    /// <param name="sentimentAnalyzer">The sentiment analyzer (VADER) whose polarity and drivers join the hints; optional.</param>
    /// <param name="logger">Logs each request at debug level and each refused answer as a warning.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EmotionClassifier(IChatClient chatClient, EmotionClassifierOptions? options = null, ITextSentimentAnalyzer? sentimentAnalyzer = null, ILogger<EmotionClassifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _options = options ?? new EmotionClassifierOptions();
        _options.Validate();
        _hints = new EmotionHintProvider(_options.Lexicon, sentimentAnalyzer, _options.Hints);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the default label set.</summary>
    public EmotionLabelSet LabelSet => _options.LabelSet;

    /// <summary>Multi-label classification (E-c): up to <see cref="EmotionClassifierOptions.MaxLabels"/> labels of the set (none = no emotion).</summary>
    /// <param name="text">The text.</param>
    /// <param name="labels">The label set; default <see cref="EmotionClassifierOptions.LabelSet"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The labels, with the hints offered.</returns>
    /// <exception cref="ArgumentException">The text is empty or too long.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<EmotionClassification> ClassifyAsync(string text, EmotionLabelSet? labels = null, CancellationToken cancellationToken = default)
    {
        CheckText(text);
        labels ??= _options.LabelSet;
        var max = Math.Min(_options.MaxLabels, labels.Count);
        var hints = Hints(text, labels);
        var prompt = AffectPrompt.Fill(AffectPrompt.Classify, ("max", max), ("labels", string.Join(", ", labels.Labels)), ("hints", HintText(hints)), ("text", AffectPrompt.Quoted(text)));
        var answer = await AskAsync("multi-label", prompt, EmotionSchemas.MultiLabel(labels, max), cancellationToken).ConfigureAwait(false);
        return Require("multi-label", answer, EmotionResponseParser.ParseMultiLabel(answer, labels, max)) with { Hints = hints };
    }

    /// <summary>Per-emotion intensity (EI-reg): how strongly the text expresses <paramref name="emotion"/>, 0..1.</summary>
    /// <param name="text">The text.</param>
    /// <param name="emotion">An emotion of the default label set (ignoring case).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The intensity (the model's integer 0..100 / 100).</returns>
    /// <exception cref="ArgumentException">The text is empty or too long, or the emotion is not in the label set.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<EmotionIntensity> RateIntensityAsync(string text, string emotion, CancellationToken cancellationToken = default)
    {
        CheckText(text);
        var label = _options.LabelSet.Require(emotion, nameof(emotion));
        var hints = Hints(text, _options.LabelSet);
        var prompt = AffectPrompt.Fill(AffectPrompt.Intensity, ("emotion", label), ("hints", HintText(hints)), ("text", AffectPrompt.Quoted(text)));
        var answer = await AskAsync("intensity", prompt, EmotionSchemas.Intensity(), cancellationToken).ConfigureAwait(false);
        return Require("intensity", answer, EmotionResponseParser.ParseIntensity(answer, label));
    }

    /// <summary>Valence (V-reg): how positive the writer's mental state is, 0..1 (0.5 neutral).</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The valence (the model's integer 0..100 / 100).</returns>
    /// <exception cref="ArgumentException">The text is empty or too long.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<ValenceRating> RateValenceAsync(string text, CancellationToken cancellationToken = default)
    {
        CheckText(text);
        var prompt = AffectPrompt.Fill(AffectPrompt.Valence, ("hints", HintText(Hints(text, _options.LabelSet))), ("text", AffectPrompt.Quoted(text)));
        var answer = await AskAsync("valence", prompt, EmotionSchemas.Valence(), cancellationToken).ConfigureAwait(false);
        return Require("valence", answer, EmotionResponseParser.ParseValence(answer));
    }

    /// <summary>Ordinal valence (V-oc): one of seven classes, -3 very negative .. 0 neutral or mixed .. 3 very positive.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The class and its meaning.</returns>
    /// <exception cref="ArgumentException">The text is empty or too long.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<OrdinalValence> RateValenceOrdinalAsync(string text, CancellationToken cancellationToken = default)
    {
        CheckText(text);
        var prompt = AffectPrompt.Fill(AffectPrompt.ValenceOrdinal, ("hints", HintText(Hints(text, _options.LabelSet))), ("text", AffectPrompt.Quoted(text)));
        var answer = await AskAsync("valence-ordinal", prompt, EmotionSchemas.ValenceOrdinal(), cancellationToken).ConfigureAwait(false);
        return Require("valence-ordinal", answer, EmotionResponseParser.ParseValenceOrdinal(answer));
    }

    /// <summary>
    /// The main emotion and its cause, quoted from the text: the schema offers the text's spans of up to
    /// <see cref="EmotionClassifierOptions.MaxCauseWords"/> words as an enum (see <see cref="CauseSpans"/>), so a
    /// constrained model can only quote; the parser checks the quote occurs in the text.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="labels">The label set; default <see cref="EmotionClassifierOptions.LabelSet"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The emotion, the quoted cause and where it starts in the text.</returns>
    /// <exception cref="ArgumentException">The text is empty or too long.</exception>
    /// <exception cref="EmotionFormatException">The answer did not parse.</exception>
    public async Task<EmotionCause> FindEmotionCauseAsync(string text, EmotionLabelSet? labels = null, CancellationToken cancellationToken = default)
    {
        CheckText(text);
        labels ??= _options.LabelSet;
        var spans = CauseSpans.Enumerate(text, _options.MaxCauseWords, _options.MaxCauseSpans)?.Where(s => s.Length <= _options.MaxCauseLength).ToArray();
        var prompt = AffectPrompt.Fill(AffectPrompt.Cause, ("labels", string.Join(", ", labels.Labels)), ("max_words", _options.MaxCauseWords), ("hints", HintText(Hints(text, labels))), ("text", AffectPrompt.Quoted(text)));
        var answer = await AskAsync("cause", prompt, EmotionSchemas.Cause(labels, spans, _options.MaxCauseLength), cancellationToken).ConfigureAwait(false);
        return Require("cause", answer, EmotionResponseParser.ParseCause(answer, text, labels, _options.MaxCauseLength));
    }

    /// <summary>The hint block of the prompts, or empty (the line is dropped).</summary>
    internal static string HintText(EmotionHints? hints) => hints is null
        ? string.Empty
        : AffectPrompt.Fill(
            AffectPrompt.Hints,
            ("candidates", hints.Candidates.Count == 0 ? "none" : string.Join(", ", hints.Candidates.Select(c => c.Emotion))),
            ("cues", hints.CueWords.Count == 0 ? "none" : string.Join(", ", hints.CueWords)),
            ("sentiment", hints.Polarity is null ? "not scored" : string.Create(CultureInfo.InvariantCulture, $"{hints.Polarity} (VADER compound {hints.Compound:0.00})")));

    private EmotionHints? Hints(string text, EmotionLabelSet labels) => _options.UseHints ? _hints.Propose(text, labels) : null;

    private void CheckText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The text is empty; give the sentence or paragraph to analyse.", nameof(text));
        }

        if (text.Length > _options.MaxTextLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The text has {text.Length} characters, more than MaxTextLength ({_options.MaxTextLength}); split it or raise EmotionClassifierOptions.MaxTextLength."), nameof(text));
        }
    }

    private async Task<string> AskAsync(string format, string prompt, JsonElement schema, CancellationToken cancellationToken)
    {
        var options = AffectChat.Options(_options.ChatOptions, schema, "emotion_" + format.Replace('-', '_'), "The " + format + " emotion answer.", _options.MaxOutputTokens);
        LogRequest(_logger, format, prompt.Length);
        return await AffectChat.AskAsync(_chatClient, new ChatMessage(ChatRole.User, prompt), options, cancellationToken).ConfigureAwait(false);
    }

    private T Require<T>(string format, string answer, EmotionParseResult<T> result)
        where T : class
    {
        if (result.Success)
        {
            return result.Value;
        }

        LogRefused(_logger, format, result.Error);
        throw new EmotionFormatException(format, result.Error, answer);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emotion request: format {Format}, prompt of {Characters} characters")]
    private static partial void LogRequest(ILogger logger, string format, int characters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's {Format} answer was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string format, string reason);
}
