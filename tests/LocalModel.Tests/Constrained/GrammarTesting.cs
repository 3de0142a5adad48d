using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using LocalModel.Constrained;

namespace LocalModel.Tests.Constrained;

/// <summary>Builds recognisers from schema text and checks byte strings against them.</summary>
internal static class GrammarTesting
{
    public const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}
        """;

    public const string LookupSchema = """{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}""";

    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<ToolSchema> Tools { get; } =
    [
        new ToolSchema("get_weather", Schema(WeatherSchema)),
        new ToolSchema("lookup", Schema(LookupSchema)),
    ];

    public static GrammarRecognizer Json(string schema, JsonGrammarOptions? options = null) =>
        new(GrammarFactory.Json(Schema(schema), options));

    public static GrammarRecognizer ToolCalls(ToolCallMode mode, ToolCallConstraintOptions? options = null) =>
        new(GrammarFactory.ToolCalls(Tools, mode, options));

    /// <summary>Whether the whole of <paramref name="text"/> is a complete output; the recogniser is left unchanged.</summary>
    public static bool Accepts(GrammarRecognizer recognizer, string text) => Accepts(recognizer, Encoding.UTF8.GetBytes(text));

    public static bool Accepts(GrammarRecognizer recognizer, byte[] bytes)
    {
        var checkpoint = recognizer.Checkpoint;
        var ok = recognizer.Feed(bytes) && recognizer.CanEnd();
        recognizer.Rollback(checkpoint);
        return ok;
    }

    /// <summary>Whether <paramref name="text"/> is a prefix of some output; the recogniser is left unchanged.</summary>
    public static bool AcceptsPrefix(GrammarRecognizer recognizer, string text) => AcceptsPrefix(recognizer, Encoding.UTF8.GetBytes(text));

    public static bool AcceptsPrefix(GrammarRecognizer recognizer, byte[] bytes)
    {
        var checkpoint = recognizer.Checkpoint;
        var ok = recognizer.Feed(bytes);
        recognizer.Rollback(checkpoint);
        return ok;
    }

    /// <summary>The bytes the recogniser allows next after <paramref name="text"/>.</summary>
    public static string NextBytes(GrammarRecognizer recognizer, string text)
    {
        var checkpoint = recognizer.Checkpoint;
        Assert.True(recognizer.Feed(Encoding.UTF8.GetBytes(text)), $"prefix {text} refused");
        var inner = recognizer.Checkpoint;
        var allowed = new StringBuilder();
        for (var b = 0; b < 256; b++)
        {
            if (recognizer.Feed(b))
            {
                allowed.Append((char)b);
            }

            recognizer.Rollback(inner);
        }

        recognizer.Rollback(checkpoint);
        return allowed.ToString();
    }
}
