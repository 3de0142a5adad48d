using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Plugins.Affect.Emotions;

/// <summary>Reads a model answer that must be exactly one JSON object with exactly the named members (no comments, no trailing commas, no repeats, no others).</summary>
internal static class StrictJsonObject
{
    /// <summary>Reads <paramref name="answer"/>; on success <paramref name="members"/> holds a clone of each named member.</summary>
    public static bool TryRead(string? answer, IReadOnlyList<string> names, out Dictionary<string, JsonElement> members, out string error)
    {
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        members = found;
        if (string.IsNullOrWhiteSpace(answer))
        {
            error = "the answer is empty; expected a JSON object";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(answer, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            error = $"the answer is not JSON ({e.Message.Split('.')[0]}): {Excerpt(answer)}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"the answer is JSON {Kind(root)}, expected an object with {Names(names)}";
                return false;
            }

            foreach (var member in root.EnumerateObject())
            {
                if (!names.Contains(member.Name, StringComparer.Ordinal))
                {
                    error = $"unexpected field \"{member.Name}\"; expected exactly {Names(names)}";
                    return false;
                }

                if (!members.TryAdd(member.Name, member.Value.Clone()))
                {
                    error = $"field \"{member.Name}\" appears twice";
                    return false;
                }
            }

            var missing = names.FirstOrDefault(n => !found.ContainsKey(n));
            if (missing is not null)
            {
                error = $"field \"{missing}\" is missing; expected exactly {Names(names)}";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Reads an integer member in [<paramref name="minimum"/>, <paramref name="maximum"/>] (no fraction or exponent).</summary>
    public static bool TryInteger(JsonElement value, string name, int minimum, int maximum, out int result, out string error)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number)
        {
            error = $"field \"{name}\" is {Kind(value)}, expected an integer {minimum}..{maximum}";
            return false;
        }

        var raw = value.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) >= 0 || !value.TryGetInt64(out var number))
        {
            error = $"field \"{name}\" is {raw}, expected an integer {minimum}..{maximum} (no fraction or exponent)";
            return false;
        }

        if (number < minimum || number > maximum)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"field \"{name}\" is {number}, outside {minimum}..{maximum}");
            return false;
        }

        result = (int)number;
        error = string.Empty;
        return true;
    }

    /// <summary>Reads a string member.</summary>
    public static bool TryString(JsonElement value, string name, out string result, out string error)
    {
        result = string.Empty;
        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"field \"{name}\" is {Kind(value)}, expected a string";
            return false;
        }

        result = value.GetString()!;
        error = string.Empty;
        return true;
    }

    /// <summary>The kind of a JSON value with its article: "an object", "an array", "a string", "a number", "true", "false", "null".</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    /// <summary>The length of <paramref name="text"/> in Unicode code points (what JSON Schema's <c>minLength</c>/<c>maxLength</c> count).</summary>
    public static int Characters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The first 80 characters of an answer, for error messages.</summary>
    public static string Excerpt(string answer)
    {
        var flat = answer.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 80 ? flat : flat[..80] + "...";
    }

    private static string Names(IReadOnlyList<string> names) => "{" + string.Join(", ", names.Select(n => "\"" + n + "\"")) + "}";
}
