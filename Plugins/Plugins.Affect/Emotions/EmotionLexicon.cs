using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The cue-word list behind the stage-1 hints: for each emotion label its usual polarity and a few common English cue
/// words or short phrases. <see cref="Default"/> is the repository's own list (<c>Prompts/Affect/Emotions/emotion-words.json</c>,
/// 20-40 words for each SemEval-2018 E-c label, written by hand; not derived from the NRC lexicons or the Warriner
/// norms). Immutable and thread-safe.
/// </summary>
public sealed class EmotionLexicon
{
    private const string DefaultResource = "Plugins.Affect.Prompts.Emotions.emotion-words.json";

    private static readonly Lazy<EmotionLexicon> DefaultLexicon = new(LoadDefault);

    private readonly Dictionary<string, (string Polarity, string[][] Cues)> _entries;

    private EmotionLexicon(Dictionary<string, (string Polarity, string[][] Cues)> entries)
    {
        _entries = entries;
        Labels = entries.Keys.ToArray();
    }

    /// <summary>Gets the repository's own cue-word list (embedded).</summary>
    public static EmotionLexicon Default => DefaultLexicon.Value;

    /// <summary>Gets the labels the lexicon has cue words for, in file order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>
    /// Reads a lexicon in the format of <c>emotion-words.json</c>:
    /// <c>{"emotions": {"joy": {"polarity": "positive", "words": ["happy", "glad", ...]}, ...}}</c>, polarity
    /// <c>positive</c>, <c>negative</c> or <c>mixed</c>; a word may be a phrase of a few words.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The lexicon.</returns>
    /// <exception cref="FormatException">The JSON does not have that shape; the message names the field.</exception>
    public static EmotionLexicon Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("emotions", out var emotions) || emotions.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The emotion lexicon needs an object \"emotions\" mapping labels to {\"polarity\", \"words\"}.");
            }

            var entries = new Dictionary<string, (string, string[][])>(StringComparer.OrdinalIgnoreCase);
            foreach (var emotion in emotions.EnumerateObject())
            {
                var polarity = emotion.Value.TryGetProperty("polarity", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
                if (polarity is not ("positive" or "negative" or "mixed"))
                {
                    throw new FormatException($"emotions.{emotion.Name}.polarity is '{polarity}'; use positive, negative or mixed.");
                }

                if (!emotion.Value.TryGetProperty("words", out var words) || words.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"emotions.{emotion.Name}.words is missing; give an array of cue words.");
                }

                var cues = new List<string[]>();
                foreach (var word in words.EnumerateArray())
                {
                    var tokens = word.ValueKind == JsonValueKind.String ? EmotionHintProvider.Tokenize(word.GetString()!).Select(t => t.Stem).ToArray() : [];
                    if (tokens.Length == 0)
                    {
                        throw new FormatException($"emotions.{emotion.Name}.words has an entry without letters: {word.GetRawText()}.");
                    }

                    cues.Add(tokens);
                }

                entries[emotion.Name.ToLowerInvariant()] = (polarity, cues.ToArray());
            }

            return new EmotionLexicon(entries);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The emotion lexicon is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The usual polarity of <paramref name="label"/>: <c>positive</c>, <c>negative</c>, <c>mixed</c>, or <see langword="null"/> when the lexicon lacks it.</summary>
    /// <param name="label">The label (ignoring case).</param>
    /// <returns>The polarity or <see langword="null"/>.</returns>
    public string? PolarityOf(string label) => _entries.TryGetValue(label, out var entry) ? entry.Polarity : null;

    /// <summary>The stemmed cue phrases of <paramref name="label"/> (empty when the lexicon lacks it).</summary>
    internal IReadOnlyList<string[]> CuesOf(string label) => _entries.TryGetValue(label, out var entry) ? entry.Cues : [];

    private static EmotionLexicon LoadDefault()
    {
        using var stream = typeof(EmotionLexicon).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource '{DefaultResource}' is missing from Plugins.Affect; it is built from Prompts/Affect/Emotions/emotion-words.json.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
