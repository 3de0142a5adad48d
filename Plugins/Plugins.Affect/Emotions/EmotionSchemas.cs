using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The JSON schemas of the EmoLLMs task formats, for <c>ChatResponseFormat.ForJsonSchema</c> (constrained decoding
/// keeps the answer inside them). Every schema is a closed object (<c>additionalProperties: false</c>, all properties
/// required, emitted in schema order); labels are enums (a multi-label answer an enum of label arrays, see <see cref="MultiLabel"/>); numbers are bounded integers, because the local client's
/// constraint bounds integers exactly (a fraction such as 0.73 could only be bounded by its integer part): intensity
/// and valence are integers 0..100 read as /100, ordinal valence an integer -3..3. <see cref="EmotionResponseParser"/>
/// accepts exactly what these schemas allow, plus the checks a schema cannot express (no repeated labels; the cause
/// occurs in the text). Thread-safe.
/// </summary>
public static class EmotionSchemas
{
    /// <summary>The top of the integer scale of intensity and valence (the value read is the integer / this).</summary>
    public const int ScaleMax = 100;

    /// <summary>The most label combinations <see cref="MultiLabel"/> spells out as an enum.</summary>
    public const int MaxCombinations = 4096;

    /// <summary>
    /// <c>{"emotions": [label, ...]}</c>: 0..<paramref name="maxLabels"/> distinct labels of <paramref name="labels"/>
    /// (an empty list means no emotion). A constraint cannot enforce distinct items (<c>uniqueItems</c> is relaxed), so
    /// while the sets of up to <paramref name="maxLabels"/> labels number at most <see cref="MaxCombinations"/> (232 for
    /// the 11 E-c labels and 3 labels) the property is an enum of every such array, labels in set order: a constrained
    /// model cannot repeat a label. Beyond that it is an array of label enums of at most <paramref name="maxLabels"/>
    /// items, and the parser refuses repeats.
    /// </summary>
    /// <param name="labels">The label set.</param>
    /// <param name="maxLabels">The most labels, 1..the set's size.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLabels"/> is out of range.</exception>
    public static JsonElement MultiLabel(EmotionLabelSet labels, int maxLabels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLabels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLabels, labels.Count);
        var combinations = Combinations(labels.Labels, maxLabels);
        if (combinations is not null)
        {
            return Closed(("emotions", new JsonObject
            {
                ["type"] = "array",
                ["enum"] = new JsonArray([.. combinations.Select(c => (JsonNode?)new JsonArray([.. c.Select(l => (JsonNode?)JsonValue.Create(l))]))]),
            }));
        }

        return Closed(("emotions", new JsonObject
        {
            ["type"] = "array",
            ["items"] = Enum(labels.Labels),
            ["minItems"] = 0,
            ["maxItems"] = maxLabels,
        }));
    }

    /// <summary><c>{"intensity": 0..100}</c>: how strongly the text expresses one emotion (EI-reg; read as /100).</summary>
    /// <returns>The schema.</returns>
    public static JsonElement Intensity() => Closed(("intensity", Integer(0, ScaleMax)));

    /// <summary><c>{"valence": 0..100}</c>: 0 most negative, 50 neutral, 100 most positive (V-reg; read as /100).</summary>
    /// <returns>The schema.</returns>
    public static JsonElement Valence() => Closed(("valence", Integer(0, ScaleMax)));

    /// <summary><c>{"valence": -3..3}</c>: SemEval-2018's seven ordinal classes (V-oc).</summary>
    /// <returns>The schema.</returns>
    public static JsonElement ValenceOrdinal() => Closed(("valence", Integer(-3, 3)));

    /// <summary>
    /// <c>{"emotion": label, "cause": span}</c>: the main emotion and the words of the text that cause it. When
    /// <paramref name="spans"/> is given the cause is an enum of those spans (quoted from the text, see
    /// <see cref="CauseSpans"/>), so a constrained model can only quote; otherwise a string of 1..<paramref name="maxCauseLength"/>
    /// characters, and the parser checks that it occurs in the text.
    /// </summary>
    /// <param name="labels">The label set.</param>
    /// <param name="spans">The allowed spans, or <see langword="null"/> for any string.</param>
    /// <param name="maxCauseLength">The longest cause, in characters (at least 1).</param>
    /// <returns>The schema.</returns>
    public static JsonElement Cause(EmotionLabelSet labels, IReadOnlyList<string>? spans, int maxCauseLength)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCauseLength, 1);
        JsonObject cause = spans is { Count: > 0 }
            ? Enum(spans)
            : new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxCauseLength };
        return Closed(("emotion", Enum(labels.Labels)), ("cause", cause));
    }

    /// <summary>A closed object schema whose properties are all required, in the order given.</summary>
    internal static JsonElement Closed(params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = new JsonArray([.. properties.Select(p => (JsonNode?)JsonValue.Create(p.Name))]),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>A string enum.</summary>
    internal static JsonObject Enum(IEnumerable<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) };

    /// <summary>Every subset of at most <paramref name="max"/> labels in set order (the empty one first, then by size), or <see langword="null"/> when there are more than <see cref="MaxCombinations"/>.</summary>
    internal static List<string[]>? Combinations(IReadOnlyList<string> labels, int max)
    {
        long count = 0;
        long term = 1;
        for (var k = 0; k <= max; k++)
        {
            count += term;
            if (count > MaxCombinations)
            {
                return null;
            }

            term = term * (labels.Count - k) / (k + 1);
        }

        var result = new List<string[]> { Array.Empty<string>() };
        for (var size = 1; size <= max; size++)
        {
            AddCombinations(labels, size, 0, [], result);
        }

        return result;
    }

    private static void AddCombinations(IReadOnlyList<string> labels, int size, int from, List<string> prefix, List<string[]> result)
    {
        if (prefix.Count == size)
        {
            result.Add([.. prefix]);
            return;
        }

        for (var i = from; i <= labels.Count - (size - prefix.Count); i++)
        {
            prefix.Add(labels[i]);
            AddCombinations(labels, size, i + 1, prefix, result);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private static JsonObject Integer(int minimum, int maximum) =>
        new() { ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum };
}
