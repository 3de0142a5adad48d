using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LocalModel.Builder;

/// <summary>
/// Reads typed fields of one object of a checkpoint's <c>config.json</c>, with HuggingFace-style defaults for absent or
/// null fields, and errors that name the file and the full field path.
/// </summary>
/// <param name="Path">The file, for messages.</param>
/// <param name="Element">The object read.</param>
/// <param name="Prefix">The object's path in the file (<c>vision_config.</c>), for messages.</param>
internal readonly record struct ConfigJsonReader(string Path, JsonElement Element, string Prefix)
{
    public JsonElement Object(string name) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v
            : throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' is missing or not an object.");

    public int Int(string name, int fallback)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 && v[0].TryGetInt32(out var first))
        {
            return first;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i
            : throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' must be an integer, got {v.GetRawText()}.");
    }

    public double Double(string name, double fallback)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' must be a number, got {v.GetRawText()}.");
    }

    public bool Bool(string name, bool fallback)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' must be true or false."),
        };
    }

    public string? String(string name, string? fallback)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' must be a string.");
    }

    public void Positive(string name, int value)
    {
        if (value <= 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{Path}': field '{Prefix}{name}' must be positive, got {value}."));
        }
    }

    /// <summary>Returns whether the field is present and not null.</summary>
    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Returns the object field, or null when it is absent or null.</summary>
    public JsonElement? OptionalObject(string name) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>Reads an integer field that has no default.</summary>
    public int RequiredInt(string name, string why) =>
        Has(name) ? Int(name, 0) : throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' is missing; it has no default ({why}).");

    /// <summary>Reads a list of integers, or <paramref name="fallback"/> when absent.</summary>
    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out _)))
        {
            throw new InvalidDataException($"'{Path}': field '{Prefix}{name}' must be a list of integers, got {v.GetRawText()}.");
        }

        return v.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }
}
