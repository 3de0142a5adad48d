using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalModel.Chat;

/// <summary>
/// JSON as HuggingFace transformers' chat-template <c>tojson</c> filter writes it, which is Python's
/// <c>json.dumps(x, ensure_ascii=False)</c>: <c>", "</c> between items, <c>": "</c> after keys, members in their
/// order, non-ASCII characters as they are, and only <c>"</c>, <c>\</c> and control characters escaped
/// (<c>\n \r \t \b \f</c>, others as <c>\u00xx</c>). Numbers keep their JSON spelling. Thread-safe (pure).
/// </summary>
internal static class JinjaToJson
{
    /// <summary>Writes <paramref name="value"/> in <c>tojson</c> style.</summary>
    public static string Format(JsonElement value)
    {
        var text = new StringBuilder();
        Write(text, value);
        return text.ToString();
    }

    /// <summary>Parses <paramref name="json"/> and writes it in <c>tojson</c> style.</summary>
    public static string Format(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Format(document.RootElement);
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string in <c>tojson</c> style.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case < ' ':
                    // Python's json escapes the other control characters as \u00xx, lower-case hex.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    private static void Write(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    if (!firstMember)
                    {
                        text.Append(", ");
                    }

                    firstMember = false;
                    WriteString(text, member.Name);
                    text.Append(": ");
                    Write(text, member.Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        text.Append(", ");
                    }

                    firstItem = false;
                    Write(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, value.GetString()!);
                break;
            default:
                // Numbers, true, false and null: their JSON text.
                text.Append(value.GetRawText());
                break;
        }
    }
}
