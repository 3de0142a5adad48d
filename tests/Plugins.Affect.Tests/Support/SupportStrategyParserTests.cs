using System;
using System.Linq;
using System.Text.Json;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class SupportStrategyParserTests
{
    [Theory]
    [InlineData("""{"strategy":"question"}""", "question")]
    [InlineData(" \n{ \"strategy\" : \"reflection_of_feelings\" }\n", "reflection_of_feelings")]
    public void Parse_WellFormed_ReturnsStrategyWithDefinition(string text, string expected)
    {
        var strategy = SupportStrategyParser.Parse(text, SupportStrategySet.Default);

        Assert.Equal(expected, strategy.Name);
        Assert.Equal(SupportStrategySet.Default.Find(expected)!.Definition, strategy.Definition);
    }

    [Theory]
    [InlineData("""{"strategy":"Question"}""")]
    [InlineData("""{"strategy":"advice"}""")]
    [InlineData("""{"strategy":"question","reason":"x"}""")]
    [InlineData("""{"strategy":3}""")]
    [InlineData("""{}""")]
    [InlineData("""["question"]""")]
    [InlineData("question")]
    [InlineData("```json\n{\"strategy\":\"question\"}\n```")]
    [InlineData("""{"strategy":"question"} and more""")]
    [InlineData("")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => SupportStrategyParser.Parse(text, SupportStrategySet.Default));
    }

    [Fact]
    public void Schema_DefaultSet_EnumOfTheEightNamesRequiredNoExtras()
    {
        var schema = SupportStrategyParser.Schema(SupportStrategySet.Default);

        Assert.Equal("object", schema.GetProperty("type").GetString());
        var strategy = schema.GetProperty("properties").GetProperty("strategy");
        Assert.Equal("string", strategy.GetProperty("type").GetString());
        Assert.Equal(SupportStrategySet.Default.Names, strategy.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["strategy"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(JsonValueKind.False, schema.GetProperty("additionalProperties").ValueKind);
    }
}
