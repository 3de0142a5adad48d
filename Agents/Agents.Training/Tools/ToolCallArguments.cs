using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Agents.Training.Tools;

/// <summary>
/// The arguments of a target tool call: the schema's required parameters only (in the schema's order), valued from
/// the instruction where they can be recovered (the generator's slot values found in it, in order of appearance;
/// numbers in it; an enum option it names), else the least valid value of the type.
/// </summary>
internal static partial class ToolCallArguments
{
    /// <summary>The date a <c>date</c> parameter gets (the instructions name days in words, not dates).</summary>
    public const string PlaceholderDate = "2026-01-15";

    /// <summary>The date-time a <c>date-time</c> parameter gets.</summary>
    public const string PlaceholderDateTime = "2026-01-15T09:00:00";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>&lt;tool_call&gt;</c> block of the local client's tool-calling format for <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    public static string Render(string name, JsonObject arguments) =>
        "<tool_call>" + new JsonObject { ["name"] = name, ["arguments"] = arguments }.ToJsonString(Compact) + "</tool_call>";

    /// <summary>Builds the arguments of a tool with parameter schema <paramref name="schema"/> for <paramref name="instruction"/>.</summary>
    public static JsonObject Build(JsonElement schema, string instruction, IReadOnlyDictionary<string, string[]> slotValues)
    {
        var arguments = new JsonObject();
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return arguments;
        }

        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? new HashSet<string>(r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!), StringComparer.Ordinal)
            : [];
        var found = new Queue<string>(FindSlotValues(instruction, slotValues));
        var numbers = new Queue<string>(NumberPattern().Matches(instruction).Select(m => m.Value));
        foreach (var property in properties.EnumerateObject())
        {
            if (!required.Contains(property.Name))
            {
                continue;
            }

            arguments[property.Name] = ValueFor(property.Value, instruction, found, numbers);
        }

        return arguments;
    }

    private static JsonNode ValueFor(JsonElement parameter, string instruction, Queue<string> found, Queue<string> numbers)
    {
        var type = parameter.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
        if (parameter.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            var names = options.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToArray();
            return JsonValue.Create(names.FirstOrDefault(n => instruction.Contains(n, StringComparison.OrdinalIgnoreCase)) ?? names[0]);
        }

        switch (type)
        {
            case "integer":
                return JsonValue.Create(numbers.TryDequeue(out var i) && long.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : 1L);
            case "number":
                return JsonValue.Create(numbers.TryDequeue(out var n) && double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? real : 1.0);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                return found.TryDequeue(out var item) ? new JsonArray(JsonValue.Create(item)) : new JsonArray();
            case "object":
                return new JsonObject();
        }

        var format = parameter.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return format switch
        {
            "date" => JsonValue.Create(PlaceholderDate),
            "date-time" => JsonValue.Create(PlaceholderDateTime),
            _ => JsonValue.Create(found.TryDequeue(out var value) ? value : instruction.TrimEnd('.', '?', '!')),
        };
    }

    /// <summary>The slot values the instruction contains (longest first where they overlap), in order of appearance.</summary>
    private static List<string> FindSlotValues(string instruction, IReadOnlyDictionary<string, string[]> slotValues)
    {
        var hits = new List<(int Start, string Value)>();
        foreach (var value in slotValues.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal))
        {
            if (value.Length < 2 || NumberPattern().IsMatch(value) && NumberPattern().Match(value).Length == value.Length)
            {
                continue;
            }

            var at = IndexOfWord(instruction, value);
            if (at >= 0 && !hits.Any(h => at < h.Start + h.Value.Length && h.Start < at + value.Length))
            {
                hits.Add((at, instruction.Substring(at, value.Length)));
            }
        }

        return [.. hits.OrderBy(h => h.Start).Select(h => h.Value)];
    }

    private static int IndexOfWord(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + value.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return at;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
