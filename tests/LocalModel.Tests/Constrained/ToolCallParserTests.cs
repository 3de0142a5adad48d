using System.Text.Json;
using LocalModel.Constrained;

namespace LocalModel.Tests.Constrained;

public class ToolCallParserTests
{
    [Fact]
    public void TryParse_OneCall_NameAndArguments()
    {
        var ok = ToolCallParser.TryParse("<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\"}}</tool_call>", out var calls, out var error);

        Assert.True(ok, error);
        var call = Assert.Single(calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments.GetProperty("city").GetString());
        var dictionary = call.ToArgumentDictionary();
        Assert.Equal("c", ((JsonElement)dictionary["unit"]!).GetString());
    }

    [Fact]
    public void TryParse_SeveralCallsWithWhitespaceAndText_AllInOrder()
    {
        var text = "Let me check.\n<tool_call>\n{\"name\":\"lookup\",\"arguments\":{\"id\":1}}\n</tool_call>\n<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":2}}</tool_call>";

        Assert.True(ToolCallParser.TryParse(text, out var calls, out _));
        Assert.Equal([1, 2], [calls[0].Arguments.GetProperty("id").GetInt32(), calls[1].Arguments.GetProperty("id").GetInt32()]);
    }

    [Fact]
    public void TryParse_PlainText_NoCalls()
    {
        Assert.True(ToolCallParser.TryParse("It is sunny in Paris.", out var calls, out var error));
        Assert.Empty(calls);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_ArgumentsOmittedOrAsString_Accepted()
    {
        Assert.True(ToolCallParser.TryParse("<tool_call>{\"name\":\"now\"}</tool_call>", out var a, out _));
        Assert.Equal(JsonValueKind.Object, a[0].Arguments.ValueKind);
        Assert.True(ToolCallParser.TryParse("<tool_call>{\"name\":\"lookup\",\"arguments\":\"{\\\"id\\\":3}\"}</tool_call>", out var b, out _));
        Assert.Equal(3, b[0].Arguments.GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 1}}", "no closing")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 1}</tool_call>", "not valid JSON")]
    [InlineData("<tool_call>{\"arguments\": {}}</tool_call>", "\"name\"")]
    [InlineData("<tool_call>{\"name\": \"\", \"arguments\": {}}</tool_call>", "\"name\"")]
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": [1]}</tool_call>", "\"arguments\"")]
    [InlineData("<tool_call>{\"name\": \"f\", \"arguments\": \"not json\"}</tool_call>", "\"arguments\"")]
    [InlineData("<tool_call>[\"f\"]</tool_call>", "JSON object")]
    [InlineData("<tool_call>{\"name\":\"a\",\"arguments\":{}}</tool_call><tool_call>oops</tool_call>", "offset 50")]
    public void TryParse_Malformed_FalseWithReasonAndNoCalls(string text, string reason)
    {
        Assert.False(ToolCallParser.TryParse(text, out var calls, out var error));
        Assert.Empty(calls);
        Assert.Contains(reason, error!, System.StringComparison.Ordinal);
    }
}
