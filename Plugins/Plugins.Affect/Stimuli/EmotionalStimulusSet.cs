using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Plugins.Affect.Stimuli;

/// <summary>
/// A validated set of emotional stimuli: unique ids, known polarities and theories, each theory with its own polarity
/// (self-monitoring, social cognitive theory and cognitive emotion regulation are positive; cognitive dissonance, social
/// comparison and stress and coping negative). <see cref="Default"/> is the set embedded from
/// <c>Prompts/Affect/Stimuli/stimuli.json</c> (our own sentences, three per theory). Immutable and thread-safe.
/// </summary>
public sealed class EmotionalStimulusSet
{
    private const string DefaultResource = "Plugins.Affect.Prompts.Stimuli.stimuli.json";

    private static readonly Lazy<EmotionalStimulusSet> DefaultSet = new(LoadDefault);

    private readonly Dictionary<string, EmotionalStimulus> _byId;

    private EmotionalStimulusSet(IReadOnlyList<EmotionalStimulus> stimuli)
    {
        All = stimuli;
        _byId = stimuli.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the embedded default set (<c>Prompts/Affect/Stimuli/stimuli.json</c>), loaded once.</summary>
    public static EmotionalStimulusSet Default => DefaultSet.Value;

    /// <summary>Gets every stimulus, in data order.</summary>
    public IReadOnlyList<EmotionalStimulus> All { get; }

    /// <summary>The polarity a theory belongs to.</summary>
    /// <param name="theory">The theory.</param>
    /// <returns><see cref="StimulusPolarity.Positive"/> for the three EmotionPrompt theories, otherwise <see cref="StimulusPolarity.Negative"/>.</returns>
    public static StimulusPolarity PolarityOf(StimulusTheory theory) => theory switch
    {
        StimulusTheory.SelfMonitoring or StimulusTheory.SocialCognitive or StimulusTheory.CognitiveEmotionRegulation => StimulusPolarity.Positive,
        _ => StimulusPolarity.Negative,
    };

    /// <summary>The data name of a theory (<c>self_monitoring</c>, <c>social_cognitive</c>, ...).</summary>
    /// <param name="theory">The theory.</param>
    /// <returns>Its snake_case name.</returns>
    public static string NameOf(StimulusTheory theory) => theory switch
    {
        StimulusTheory.SelfMonitoring => "self_monitoring",
        StimulusTheory.SocialCognitive => "social_cognitive",
        StimulusTheory.CognitiveEmotionRegulation => "cognitive_emotion_regulation",
        StimulusTheory.CognitiveDissonance => "cognitive_dissonance",
        StimulusTheory.SocialComparison => "social_comparison",
        StimulusTheory.StressAndCoping => "stress_and_coping",
        _ => throw new ArgumentOutOfRangeException(nameof(theory), theory, "Unknown stimulus theory."),
    };

    /// <summary>Parses a theory's data name (case-insensitive).</summary>
    /// <param name="name">A name such as <c>social_comparison</c>.</param>
    /// <param name="theory">The theory, when known.</param>
    /// <returns>Whether <paramref name="name"/> is a known theory.</returns>
    public static bool TryParseTheory(string? name, out StimulusTheory theory)
    {
        foreach (var candidate in Enum.GetValues<StimulusTheory>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                theory = candidate;
                return true;
            }
        }

        theory = default;
        return false;
    }

    /// <summary>Reads and validates a set from JSON: <c>{"stimuli": [{"id", "polarity", "theory", "text"}]}</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Names the data in error messages (a file or resource name).</param>
    /// <returns>The set.</returns>
    /// <exception cref="FormatException">The JSON is malformed, a field is missing or empty, an id repeats, or a polarity or theory is unknown or mismatched; the message names the entry and the fix.</exception>
    public static EmotionalStimulusSet Parse(string json, string source = "stimuli.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("stimuli", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{source} must be an object with a \"stimuli\" array.");
            }

            var stimuli = new List<EmotionalStimulus>();
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var entry in array.EnumerateArray())
            {
                var where = $"{source}: stimuli[{index}]";
                var id = Field(entry, "id", where);
                var polarityName = Field(entry, "polarity", where);
                var theoryName = Field(entry, "theory", where);
                var text = Field(entry, "text", where);
                if (!ids.Add(id))
                {
                    throw new FormatException($"{where}: the id '{id}' is used twice; ids must be unique.");
                }

                var polarity = polarityName.ToUpperInvariant() switch
                {
                    "POSITIVE" => StimulusPolarity.Positive,
                    "NEGATIVE" => StimulusPolarity.Negative,
                    _ => throw new FormatException($"{where} ('{id}'): unknown polarity '{polarityName}'; expected positive or negative."),
                };
                if (!TryParseTheory(theoryName, out var theory))
                {
                    var known = string.Join(", ", Enum.GetValues<StimulusTheory>().Select(NameOf));
                    throw new FormatException($"{where} ('{id}'): unknown theory '{theoryName}'; expected one of {known}.");
                }

                if (PolarityOf(theory) != polarity)
                {
                    throw new FormatException($"{where} ('{id}'): the theory '{theoryName}' is {PolarityOf(theory).ToString().ToLowerInvariant()}, but the polarity says {polarityName}.");
                }

                stimuli.Add(new EmotionalStimulus(id, polarity, theory, text));
                index++;
            }

            if (stimuli.Count == 0)
            {
                throw new FormatException($"{source} holds no stimuli; add at least one.");
            }

            return new EmotionalStimulusSet(stimuli);
        }
    }

    /// <summary>The stimulus with id <paramref name="id"/> (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The stimulus, or <see langword="null"/> when the set has no such id.</returns>
    public EmotionalStimulus? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.GetValueOrDefault(id);
    }

    /// <summary>The stimuli drawing on <paramref name="theory"/>, in data order.</summary>
    /// <param name="theory">The theory.</param>
    /// <returns>The matching stimuli (possibly none).</returns>
    public IReadOnlyList<EmotionalStimulus> ByTheory(StimulusTheory theory) => All.Where(s => s.Theory == theory).ToList();

    /// <summary>The stimuli of <paramref name="polarity"/>, in data order.</summary>
    /// <param name="polarity">The polarity.</param>
    /// <returns>The matching stimuli (possibly none).</returns>
    public IReadOnlyList<EmotionalStimulus> ByPolarity(StimulusPolarity polarity) => All.Where(s => s.Polarity == polarity).ToList();

    private static string Field(JsonElement entry, string name, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} must be an object with id, polarity, theory and text.");
        }

        if (!entry.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new FormatException($"{where}: \"{name}\" is missing or empty; give it a non-empty string.");
        }

        return value.GetString()!.Trim();
    }

    private static EmotionalStimulusSet LoadDefault()
    {
        using var stream = typeof(EmotionalStimulusSet).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource '{DefaultResource}' is missing from Plugins.Affect; it is built from Prompts/Affect/Stimuli/stimuli.json.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "Prompts/Affect/Stimuli/stimuli.json");
    }
}
