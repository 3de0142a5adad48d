using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Plugins.Affect.Emotions;

/// <summary>
/// Strict parsers of the EmoLLMs task answers (the formats of <see cref="EmotionSchemas"/>). An answer must be one
/// JSON object with exactly the schema's fields (none missing, none extra, none repeated; no comments, trailing
/// commas, code fences or surrounding prose; whitespace around it is allowed), labels must be in the label set
/// (ignoring case; the set's spelling is returned), numbers must be integers in range. Anything else is refused with
/// the reason; nothing is repaired or guessed. Thread-safe.
/// </summary>
public static class EmotionResponseParser
{
    private static readonly string[] Descriptions =
        ["very negative", "moderately negative", "slightly negative", "neutral or mixed", "slightly positive", "moderately positive", "very positive"];

    /// <summary>Parses <c>{"emotions": [label, ...]}</c>: 0..<paramref name="maxLabels"/> distinct labels of <paramref name="labels"/>.</summary>
    /// <param name="answer">The model's answer.</param>
    /// <param name="labels">The label set.</param>
    /// <param name="maxLabels">The most labels allowed.</param>
    /// <returns>The classification (without hints), or the reason it was refused.</returns>
    public static EmotionParseResult<EmotionClassification> ParseMultiLabel(string? answer, EmotionLabelSet labels, int maxLabels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!StrictJsonObject.TryRead(answer, ["emotions"], out var members, out var error))
        {
            return EmotionParseResult<EmotionClassification>.Fail(error);
        }

        var array = members["emotions"];
        if (array.ValueKind != JsonValueKind.Array)
        {
            return EmotionParseResult<EmotionClassification>.Fail($"field \"emotions\" is {StrictJsonObject.Kind(array)}, expected an array of labels");
        }

        var chosen = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (!StrictJsonObject.TryString(item, "emotions[]", out var label, out error))
            {
                return EmotionParseResult<EmotionClassification>.Fail(error);
            }

            if (!labels.TryGetLabel(label, out var canonical))
            {
                return EmotionParseResult<EmotionClassification>.Fail($"label '{label}' is not in set {labels.Name} ({string.Join(", ", labels.Labels)})");
            }

            if (chosen.Contains(canonical!))
            {
                return EmotionParseResult<EmotionClassification>.Fail($"label '{canonical}' is repeated");
            }

            chosen.Add(canonical!);
        }

        if (chosen.Count > maxLabels)
        {
            return EmotionParseResult<EmotionClassification>.Fail(string.Create(CultureInfo.InvariantCulture, $"{chosen.Count} labels, at most {maxLabels} allowed"));
        }

        return EmotionParseResult<EmotionClassification>.Ok(new EmotionClassification(chosen.AsReadOnly(), labels.Name, null));
    }

    /// <summary>Parses <c>{"intensity": 0..100}</c> for <paramref name="emotion"/>; the intensity is the integer / 100.</summary>
    /// <param name="answer">The model's answer.</param>
    /// <param name="emotion">The emotion that was rated (returned as is).</param>
    /// <returns>The intensity, or the reason it was refused.</returns>
    public static EmotionParseResult<EmotionIntensity> ParseIntensity(string? answer, string emotion)
    {
        ArgumentNullException.ThrowIfNull(emotion);
        return StrictJsonObject.TryRead(answer, ["intensity"], out var members, out var error)
            && StrictJsonObject.TryInteger(members["intensity"], "intensity", 0, EmotionSchemas.ScaleMax, out var score, out error)
            ? EmotionParseResult<EmotionIntensity>.Ok(new EmotionIntensity(emotion, (double)score / EmotionSchemas.ScaleMax, score))
            : EmotionParseResult<EmotionIntensity>.Fail(error);
    }

    /// <summary>Parses <c>{"valence": 0..100}</c>; the valence is the integer / 100.</summary>
    /// <param name="answer">The model's answer.</param>
    /// <returns>The valence, or the reason it was refused.</returns>
    public static EmotionParseResult<ValenceRating> ParseValence(string? answer) =>
        StrictJsonObject.TryRead(answer, ["valence"], out var members, out var error)
        && StrictJsonObject.TryInteger(members["valence"], "valence", 0, EmotionSchemas.ScaleMax, out var score, out error)
            ? EmotionParseResult<ValenceRating>.Ok(new ValenceRating((double)score / EmotionSchemas.ScaleMax, score))
            : EmotionParseResult<ValenceRating>.Fail(error);

    /// <summary>Parses <c>{"valence": -3..3}</c>.</summary>
    /// <param name="answer">The model's answer.</param>
    /// <returns>The ordinal class, or the reason it was refused.</returns>
    public static EmotionParseResult<OrdinalValence> ParseValenceOrdinal(string? answer) =>
        StrictJsonObject.TryRead(answer, ["valence"], out var members, out var error)
        && StrictJsonObject.TryInteger(members["valence"], "valence", -3, 3, out var level, out error)
            ? EmotionParseResult<OrdinalValence>.Ok(new OrdinalValence(level, Describe(level)))
            : EmotionParseResult<OrdinalValence>.Fail(error);

    /// <summary>
    /// Parses <c>{"emotion": label, "cause": span}</c>: the label must be in <paramref name="labels"/> and the cause
    /// 1..<paramref name="maxCauseLength"/> characters (Unicode code points), not only whitespace, occurring in <paramref name="text"/>
    /// (ignoring case).
    /// </summary>
    /// <param name="answer">The model's answer.</param>
    /// <param name="text">The text the cause must be quoted from.</param>
    /// <param name="labels">The label set.</param>
    /// <param name="maxCauseLength">The longest cause allowed, in characters.</param>
    /// <returns>The emotion and cause, or the reason it was refused.</returns>
    public static EmotionParseResult<EmotionCause> ParseCause(string? answer, string text, EmotionLabelSet labels, int maxCauseLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(labels);
        if (!StrictJsonObject.TryRead(answer, ["emotion", "cause"], out var members, out var error)
            || !StrictJsonObject.TryString(members["emotion"], "emotion", out var emotion, out error)
            || !StrictJsonObject.TryString(members["cause"], "cause", out var cause, out error))
        {
            return EmotionParseResult<EmotionCause>.Fail(error);
        }

        if (!labels.TryGetLabel(emotion, out var canonical))
        {
            return EmotionParseResult<EmotionCause>.Fail($"label '{emotion}' is not in set {labels.Name} ({string.Join(", ", labels.Labels)})");
        }

        var length = StrictJsonObject.Characters(cause);
        if (string.IsNullOrWhiteSpace(cause) || length > maxCauseLength)
        {
            return EmotionParseResult<EmotionCause>.Fail(string.Create(CultureInfo.InvariantCulture, $"field \"cause\" has {length} characters, expected 1..{maxCauseLength} quoting the text"));
        }

        var start = text.IndexOf(cause, StringComparison.OrdinalIgnoreCase);
        return start < 0
            ? EmotionParseResult<EmotionCause>.Fail($"the cause \"{StrictJsonObject.Excerpt(cause)}\" does not occur in the text")
            : EmotionParseResult<EmotionCause>.Ok(new EmotionCause(canonical!, cause, start));
    }

    /// <summary>The meaning of an ordinal valence class.</summary>
    /// <param name="level">-3..3.</param>
    /// <returns>E.g. <c>"slightly negative"</c> for -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside -3..3.</exception>
    public static string Describe(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, -3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        return Descriptions[level + 3];
    }
}
