using System;
using System.Collections.Generic;
using LocalModel.Constrained;
using static LocalModel.Tests.Constrained.GrammarTesting;

namespace LocalModel.Tests.Constrained;

public class ToolCallGrammarTests
{
    private const string Weather = "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\"}}</tool_call>";
    private const string Lookup = "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":-42}}</tool_call>";

    [Theory]
    [InlineData(Weather)]
    [InlineData(Lookup)]
    [InlineData(" \n" + Lookup)]
    [InlineData(Weather + "\n" + Lookup)]
    public void Required_WellFormedCalls_Accepted(string text) => Assert.True(Accepts(ToolCalls(ToolCallMode.Required), text));

    [Theory]
    [InlineData("Sure!")]
    [InlineData("")]
    [InlineData("<tool_call>{\"name\": \"delete_all\", \"arguments\": {}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": \"7\"}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"id\": 7}}</tool_call>")]
    [InlineData("<tool_call>{\"arguments\": {\"id\": 7}, \"name\": \"lookup\"}</tool_call>")]
    [InlineData("<tool_call> {\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call>\n")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call> trailing")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}")]
    public void Required_AnythingElse_Refused(string text) => Assert.False(Accepts(ToolCalls(ToolCallMode.Required), text));

    [Fact]
    public void Required_NameSwitch_PicksThatToolsSchema()
    {
        var recognizer = ToolCalls(ToolCallMode.Required);

        Assert.Equal("\"", NextBytes(recognizer, "<tool_call>{\"name\": \"lookup\", \"arguments\": {"));
        Assert.Equal("c", NextBytes(recognizer, "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\""));
        Assert.Equal("gl", NextBytes(recognizer, "<tool_call>{\"name\": \""));
    }

    [Fact]
    public void Required_AfterCall_NewlineOrEndOnly()
    {
        var recognizer = ToolCalls(ToolCallMode.Required);

        Assert.Equal("\n", NextBytes(recognizer, Lookup));
        Assert.True(recognizer.Feed(System.Text.Encoding.UTF8.GetBytes(Lookup)));
        Assert.True(recognizer.CanEnd());
        Assert.False(recognizer.IsFinal());
    }

    [Fact]
    public void MaxToolCalls_Reached_IsFinal()
    {
        var recognizer = ToolCalls(ToolCallMode.Required, new ToolCallConstraintOptions { MaxToolCalls = 2 });

        Assert.True(recognizer.Feed(System.Text.Encoding.UTF8.GetBytes(Lookup + "\n" + Lookup)));
        Assert.True(recognizer.IsFinal());
    }

    [Fact]
    public void RequiredToolName_OnlyThatTool()
    {
        var recognizer = ToolCalls(ToolCallMode.Required, new ToolCallConstraintOptions { RequiredToolName = "lookup" });

        Assert.True(Accepts(recognizer, Lookup));
        Assert.False(Accepts(recognizer, Weather));
    }

    [Theory]
    [InlineData("Sure, it is sunny.")]
    [InlineData("")]
    [InlineData("  <tool")]
    [InlineData("<toolbox> is not a call")]
    [InlineData("<tool_cal")]
    [InlineData(Weather)]
    [InlineData("\n" + Weather + "\n" + Lookup)]
    public void Auto_TextOrCalls_Accepted(string text) => Assert.True(Accepts(ToolCalls(ToolCallMode.Auto), text));

    [Theory]
    [InlineData("<tool_call>hello")]
    [InlineData("<tool_call>{\"name\": \"nope\"")]
    [InlineData(Weather + " and some text")]
    public void Auto_OnceTheTagIsComplete_CallIsConstrained(string text) => Assert.False(AcceptsPrefix(ToolCalls(ToolCallMode.Auto), text));

    [Fact]
    public void Auto_DivergedText_IsFree()
    {
        var recognizer = ToolCalls(ToolCallMode.Auto);

        Assert.True(recognizer.Feed("<toolX"u8));
        Assert.True(recognizer.IsFreeText);
        Assert.Equal(256, NextBytes(recognizer, "<tool_call>").Length);
    }

    [Fact]
    public void ToolWithoutObjectSchema_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => GrammarFactory.ToolCalls([new ToolSchema("f", Schema("""{"type":"string"}"""))], ToolCallMode.Required, null));

        Assert.Contains("'f'", e.Message, StringComparison.Ordinal);
    }

    // Changed by the "structured output that never breaks" issue: an unsupported keyword used to throw; a tool schema
    // now never fails the request, the keyword is relaxed and reported with the tool's path.
    [Fact]
    public void UnsupportedKeywordInParameters_RelaxedAndReportedWithToolPath()
    {
        var relaxed = new List<SchemaRelaxation>();
        var options = new ToolCallConstraintOptions { Json = new JsonGrammarOptions { SchemaRelaxed = relaxed.Add } };

        var recognizer = new GrammarRecognizer(GrammarFactory.ToolCalls(
            [new ToolSchema("f", Schema("""{"type":"object","properties":{"q":{"type":"string","not":{"const":"x"}}}}"""))], ToolCallMode.Required, options));

        var only = Assert.Single(relaxed);
        Assert.Equal(("not", "#/tools/f/parameters/properties/q"), (only.Keyword, only.Path));
        Assert.True(Accepts(recognizer, "<tool_call>{\"name\":\"f\",\"arguments\":{\"q\":\"x\"}}</tool_call>"));
    }

    [Fact]
    public void MalformedParameters_RelaxedToAnyObject()
    {
        var relaxed = new List<SchemaRelaxation>();
        var options = new ToolCallConstraintOptions { Json = new JsonGrammarOptions { SchemaRelaxed = relaxed.Add } };

        var recognizer = new GrammarRecognizer(GrammarFactory.ToolCalls(
            [new ToolSchema("f", Schema("""{"type":"object","properties":{"q":{"type":"strin"}}}"""))], ToolCallMode.Required, options));

        Assert.Equal("#/tools/f/parameters", Assert.Single(relaxed).Path);
        Assert.True(Accepts(recognizer, "<tool_call>{\"name\":\"f\",\"arguments\":{\"z\":1}}</tool_call>"));
    }

    [Theory]
    [InlineData("{\"name\": \"Ada\", \"age\": 3}", true)]
    [InlineData("<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":1}}</tool_call>", true)]
    [InlineData("Ada is 3.", false)]
    [InlineData("{\"name\": \"Ada\"}", false)]
    public void Auto_JsonAnswer_CallOrJsonOnly(string text, bool expected)
    {
        var options = new ToolCallConstraintOptions { JsonAnswer = true, JsonAnswerSchema = Schema(TokenMaskTests.PersonSchema) };

        var recognizer = ToolCalls(ToolCallMode.Auto, options);

        Assert.Equal(expected, Accepts(recognizer, text));
    }

    [Fact]
    public void Required_JsonAnswer_CallOnly()
    {
        var recognizer = ToolCalls(ToolCallMode.Required, new ToolCallConstraintOptions { JsonAnswer = true });

        Assert.False(Accepts(recognizer, "{}"));
        Assert.True(Accepts(recognizer, "<tool_call>{\"name\":\"lookup\",\"arguments\":{\"id\":1}}</tool_call>"));
    }

    [Fact]
    public void DuplicateToolNames_Throw() =>
        Assert.Throws<ArgumentException>(() => GrammarFactory.ToolCalls([new ToolSchema("f"), new ToolSchema("f")], ToolCallMode.Auto, null));
}
