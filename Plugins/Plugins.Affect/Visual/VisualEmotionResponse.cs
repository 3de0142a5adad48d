using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Visual;

/// <summary>
/// The visual affect answer format: <c>{"clues": [string, ...], "emotion": label}</c>, clues first so the model
/// describes before it decides (properties are emitted in schema order under constrained decoding), and its strict
/// parser (exactly those two fields; 1..maxClues strings of 1..maxClueLength characters (Unicode code points, as JSON Schema counts); a label of the set). Thread-safe.
/// </summary>
public static class VisualEmotionResponse
{
    /// <summary>The schema.</summary>
    /// <param name="labels">The label set.</param>
    /// <param name="maxClues">The most clues (at least 1).</param>
    /// <param name="maxClueLength">The longest clue, in characters (at least 1).</param>
    /// <returns>The schema.</returns>
    public static JsonElement Schema(EmotionLabelSet labels, int maxClues, int maxClueLength)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClues, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClueLength, 1);
        return EmotionSchemas.Closed(
            ("clues", new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxClueLength },
                ["minItems"] = 1,
                ["maxItems"] = maxClues,
            }),
            ("emotion", EmotionSchemas.Enum(labels.Labels)));
    }

    /// <summary>Parses an answer strictly.</summary>
    /// <param name="answer">The model's answer.</param>
    /// <param name="labels">The label set.</param>
    /// <param name="maxClues">The most clues allowed.</param>
    /// <param name="maxClueLength">The longest clue allowed, in characters.</param>
    /// <returns>The clues and emotion (no polarity hint recorded), or the reason the answer was refused.</returns>
    public static EmotionParseResult<VisualEmotion> Parse(string? answer, EmotionLabelSet labels, int maxClues, int maxClueLength)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!StrictJsonObject.TryRead(answer, ["clues", "emotion"], out var members, out var error)
            || !StrictJsonObject.TryString(members["emotion"], "emotion", out var emotion, out error))
        {
            return EmotionParseResult<VisualEmotion>.Fail(error);
        }

        var array = members["clues"];
        if (array.ValueKind != JsonValueKind.Array)
        {
            return EmotionParseResult<VisualEmotion>.Fail($"field \"clues\" is {StrictJsonObject.Kind(array)}, expected an array of strings");
        }

        var clues = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (!StrictJsonObject.TryString(item, "clues[]", out var clue, out error))
            {
                return EmotionParseResult<VisualEmotion>.Fail(error);
            }

            // Characters are Unicode code points, as JSON Schema's maxLength (and the local constraint) count them.
            var length = StrictJsonObject.Characters(clue);
            if (length < 1 || length > maxClueLength)
            {
                return EmotionParseResult<VisualEmotion>.Fail(string.Create(CultureInfo.InvariantCulture, $"clue {clues.Count + 1} has {length} characters, expected 1..{maxClueLength}"));
            }

            clues.Add(clue);
        }

        if (clues.Count < 1 || clues.Count > maxClues)
        {
            return EmotionParseResult<VisualEmotion>.Fail(string.Create(CultureInfo.InvariantCulture, $"{clues.Count} clues, expected 1..{maxClues}"));
        }

        return labels.TryGetLabel(emotion, out var canonical)
            ? EmotionParseResult<VisualEmotion>.Ok(new VisualEmotion(clues.AsReadOnly(), canonical!, labels.Name, null))
            : EmotionParseResult<VisualEmotion>.Fail($"label '{emotion}' is not in set {labels.Name} ({string.Join(", ", labels.Labels)})");
    }
}
