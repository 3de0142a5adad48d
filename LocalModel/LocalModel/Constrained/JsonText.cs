using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>
/// The one spelling of fixed JSON values the grammar accepts: compact (no whitespace), members in source order,
/// strings with only the escapes JSON requires (<c>\"</c>, <c>\\</c>, <c>\b \f \n \r \t</c>, <c>\u00XX</c> for other
/// control characters) and everything else as raw UTF-8, numbers as written in the schema.
/// </summary>
internal static class JsonText
{
    /// <summary>Gets the bytes of <c>true</c>.</summary>
    public static byte[] True { get; } = "true"u8.ToArray();

    /// <summary>Gets the bytes of <c>false</c>.</summary>
    public static byte[] False { get; } = "false"u8.ToArray();

    /// <summary>Gets the bytes of <c>null</c>.</summary>
    public static byte[] Null { get; } = "null"u8.ToArray();

    /// <summary>Encodes <paramref name="value"/> as a quoted JSON string.</summary>
    public static byte[] EncodeString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendString(builder, value);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Encodes <paramref name="value"/> compactly.</summary>
    public static byte[] EncodeValue(JsonElement value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void AppendValue(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, property.Name);
                    builder.Append(':');
                    AppendValue(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(',');
                    }

                    firstItem = false;
                    AppendValue(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(builder, value.GetString()!);
                break;
            default:
                builder.Append(value.GetRawText());
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // Lone surrogates cannot be UTF-8 (they only come from hand-made schemas): escape them; pairs stay raw.
                    var paired = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                    if (c < 0x20 || (char.IsSurrogate(c) && !paired))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>Gets the UTF-8 bytes of the given strings, for trie building.</summary>
    public static List<byte[]> EncodeStrings(IEnumerable<string> values)
    {
        var list = new List<byte[]>();
        foreach (var v in values)
        {
            list.Add(EncodeString(v));
        }

        return list;
    }
}
