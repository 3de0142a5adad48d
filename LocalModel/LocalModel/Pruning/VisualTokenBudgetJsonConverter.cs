using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalModel.Pruning;

/// <summary>Reads a <see cref="VisualTokenBudget"/> from a JSON number (a count) or string (<c>"64"</c>, <c>"25%"</c>); writes a count as a number, a percentage as a string.</summary>
internal sealed class VisualTokenBudgetJsonConverter : JsonConverter<VisualTokenBudget>
{
    public override VisualTokenBudget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) && count > 0)
        {
            return VisualTokenBudget.FromCount(count);
        }

        if (reader.TokenType == JsonTokenType.String && VisualTokenBudget.TryParse(reader.GetString(), out var budget))
        {
            return budget;
        }

        throw new JsonException($"A visual token budget is {VisualTokenBudget.AcceptedForms}.");
    }

    public override void Write(Utf8JsonWriter writer, VisualTokenBudget value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Count is { } count)
        {
            writer.WriteNumberValue(count);
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
