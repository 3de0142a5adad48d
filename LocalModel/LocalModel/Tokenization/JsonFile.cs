using System.IO;
using System.Text.Json;

namespace LocalModel.Tokenization;

/// <summary>Reads JSON files with errors that name the file and the field.</summary>
internal static class JsonFile
{
    /// <summary>Parses a file that must exist and hold a JSON object.</summary>
    public static JsonDocument ReadObject(string path, string expected)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer file not found: '{path}'; expected {expected}.", path);
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON ({e.Message}); expected {expected}.", e);
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidDataException($"'{path}' holds a JSON {kind}; expected an object ({expected}).");
        }

        return document;
    }

    /// <summary>Gets an optional property; JSON null counts as absent.</summary>
    public static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Gets a required property of the given kind.</summary>
    public static JsonElement Require(JsonElement parent, string name, JsonValueKind kind, string path, string field)
    {
        if (!TryGet(parent, name, out var value))
        {
            throw new InvalidDataException($"'{path}' has no '{field}'; expected a JSON {kind}.");
        }

        return Expect(value, kind, path, field);
    }

    /// <summary>Checks the kind of a value.</summary>
    public static JsonElement Expect(JsonElement value, JsonValueKind kind, string path, string field)
    {
        var matches = value.ValueKind == kind
            || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False);
        if (!matches)
        {
            throw new InvalidDataException($"'{path}': '{field}' is a JSON {value.ValueKind}; expected a JSON {(kind == JsonValueKind.True ? "boolean" : kind.ToString())}.");
        }

        return value;
    }

    /// <summary>Gets an optional string property.</summary>
    public static string? OptionalString(JsonElement parent, string name, string path, string field) =>
        TryGet(parent, name, out var value) ? Expect(value, JsonValueKind.String, path, field).GetString() : null;

    /// <summary>Gets an optional boolean property.</summary>
    public static bool OptionalBool(JsonElement parent, string name, bool defaultValue, string path, string field) =>
        TryGet(parent, name, out var value) ? Expect(value, JsonValueKind.True, path, field).GetBoolean() : defaultValue;

    /// <summary>Gets a non-negative 32-bit integer.</summary>
    public static int TokenId(JsonElement value, string path, string field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var id) || id < 0)
        {
            throw new InvalidDataException($"'{path}': '{field}' is {value.GetRawText()}; expected a token id (an integer >= 0).");
        }

        return id;
    }

    /// <summary>Reads a token given as a string or as an object with "content" (HF AddedToken form); null when absent.</summary>
    public static string? TokenText(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => Require(value, "content", JsonValueKind.String, path, name + ".content").GetString(),
            _ => throw new InvalidDataException($"'{path}': '{name}' is a JSON {value.ValueKind}; expected a string or an object with 'content'."),
        };
    }
}
