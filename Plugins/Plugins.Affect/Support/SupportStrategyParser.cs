using System;
using System.Linq;
using System.Text.Json;

namespace Plugins.Affect.Support;

/// <summary>
/// The strict parser of the planner's answer, <c>{"strategy": "&lt;name&gt;"}</c>, and the JSON schema that constrains
/// decoding to it. Thread-safe.
/// </summary>
public static class SupportStrategyParser
{
    /// <summary>The JSON schema of the planner's answer: an object with one required <c>strategy</c> whose value is one of the set's names.</summary>
    /// <param name="strategies">The strategies.</param>
    /// <returns>The schema.</returns>
    public static JsonElement Schema(SupportStrategySet strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var schema = new
        {
            type = "object",
            properties = new { strategy = new { type = "string", @enum = strategies.Names } },
            required = new[] { "strategy" },
            additionalProperties = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>
    /// Parses <paramref name="text"/>: exactly one JSON object (surrounding white space allowed, nothing else) with the
    /// single property <c>strategy</c>, a string that is a name in <paramref name="strategies"/> (exact case).
    /// </summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="strategies">The allowed strategies.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="FormatException">The text is not such an object, has other properties, or names a strategy outside the set; the message quotes it.</exception>
    public static SupportStrategy Parse(string text, SupportStrategySet strategies)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(strategies);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.Trim());
        }
        catch (JsonException e)
        {
            throw new FormatException($"The strategy answer is not one JSON object: '{Quote(text)}' ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The strategy answer must be a JSON object {{\"strategy\": ...}}, not '{Quote(text)}'.");
            }

            var properties = root.EnumerateObject().ToList();
            if (properties.Count != 1 || properties[0].Name != "strategy" || properties[0].Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"The strategy answer must have exactly one string property \"strategy\": '{Quote(text)}'.");
            }

            var name = properties[0].Value.GetString()!;
            return strategies.Find(name)
                ?? throw new FormatException($"The strategy '{name}' is not in the set ({string.Join(", ", strategies.Names)}).");
        }
    }

    private static string Quote(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
