using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Plugins.Gui.Evaluation.Data;

/// <summary>Strict field access on one JSON record; every error names the file, the line and the field.</summary>
internal sealed class RecordFields
{
    private readonly JsonElement _record;
    private readonly string _file;
    private readonly int _line;

    public RecordFields(JsonElement record, string file, int line, IReadOnlyCollection<string> allowed)
    {
        _file = file;
        _line = line;
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw Error($"the record is a JSON {Kind(record.ValueKind)}, expected an object");
        }

        _record = record;
        foreach (var property in record.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Error($"field '{property.Name}' is not a known field; expected only {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>An exception whose message starts with <c>file:line:</c>.</summary>
    public InvalidDataException Error(string problem) => Error(_file, _line, problem);

    public static InvalidDataException Error(string file, int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {problem}."));

    public string RequiredString(string field)
    {
        var value = Required(field);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error($"field '{field}' must be a non-empty string, got {Describe(value)}");
        }

        return value.GetString()!;
    }

    public string RequiredChoice(string field, params string[] choices)
    {
        var value = RequiredString(field);
        return choices.Contains(value, StringComparer.Ordinal)
            ? value
            : throw Error($"field '{field}' must be one of {string.Join(", ", choices.Select(c => $"\"{c}\""))}, got \"{value}\"");
    }

    public double RequiredPositiveNumber(string field) => PositiveNumber(field, Required(field));

    public int RequiredPositiveInt(JsonElement parent, string parentField, string field)
    {
        if (!parent.TryGetProperty(field, out var value))
        {
            throw Error($"field '{parentField}.{field}' is missing");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var i) || i < 1)
        {
            throw Error($"field '{parentField}.{field}' must be a positive integer, got {Describe(value)}");
        }

        return i;
    }

    public JsonElement RequiredObject(string field)
    {
        var value = Required(field);
        return value.ValueKind == JsonValueKind.Object ? value : throw Error($"field '{field}' must be an object, got {Describe(value)}");
    }

    public bool OptionalBool(string field, bool defaultValue)
    {
        if (!_record.TryGetProperty(field, out var value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"field '{field}' must be true or false, got {Describe(value)}"),
        };
    }

    /// <summary>An array of exactly <paramref name="count"/> numbers, each checked by <paramref name="check"/>.</summary>
    public double[] RequiredNumbers(string field, int count, string expected, Func<int, double, bool> check)
    {
        var value = Required(field);
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != count)
        {
            throw Error($"field '{field}' must be {expected}, got {Describe(value)}");
        }

        var numbers = new double[count];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !double.IsFinite(item.GetDouble()) || !check(i, item.GetDouble()))
            {
                throw Error($"field '{field}' must be {expected}, got {Describe(value)}");
            }

            numbers[i++] = item.GetDouble();
        }

        return numbers;
    }

    private double PositiveNumber(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is var d && double.IsFinite(d) && d > 0
            ? d
            : throw Error($"field '{field}' must be a positive number, got {Describe(value)}");

    private JsonElement Required(string field) =>
        _record.TryGetProperty(field, out var value) ? value : throw Error($"field '{field}' is missing");

    private static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 60 ? raw[..57] + "..." : raw;
    }

    private static string Kind(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
