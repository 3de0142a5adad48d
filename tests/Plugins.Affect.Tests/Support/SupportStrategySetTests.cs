using System;
using System.Linq;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class SupportStrategySetTests
{
    [Fact]
    public void Default_EmbeddedData_IsTheEsconvEightInOrder()
    {
        var set = SupportStrategySet.Default;

        Assert.Equal(
            ["question", "restatement_or_paraphrasing", "reflection_of_feelings", "self_disclosure", "affirmation_and_reassurance", "providing_suggestions", "information", "others"],
            set.Names);
        Assert.All(set.All, s => Assert.InRange(s.Definition.Count(c => c == '.'), 1, 2));
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingNames()
    {
        var error = Assert.Throws<ArgumentException>(() => SupportStrategySet.Default.Get("Question"));

        Assert.Contains("'Question'", error.Message, StringComparison.Ordinal);
        Assert.Contains("reflection_of_feelings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"strategies":[{"name":"a","definition":"x"},{"name":"a","definition":"y"}]}""", "used twice")]
    [InlineData("""{"strategies":[{"name":"Ask","definition":"x"},{"name":"b","definition":"y"}]}""", "snake_case")]
    [InlineData("""{"strategies":[{"name":"a","definition":""},{"name":"b","definition":"y"}]}""", "\"definition\" is missing or empty")]
    [InlineData("""{"strategies":[{"name":"a","definition":"x"}]}""", "at least two")]
    [InlineData("""[1]""", "\"strategies\" array")]
    public void Parse_InvalidData_ThrowsNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SupportStrategySet.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
