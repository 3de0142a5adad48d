using System;
using LocalModel.Pruning;

namespace LocalModel.Tests.Pruning;

public class VisualTokenBudgetTests
{
    [Theory]
    [InlineData("64", 576, 64)]
    [InlineData("25%", 576, 144)]
    [InlineData("0.25", 576, 144)]
    [InlineData(" 0.25 ", 576, 144)]
    [InlineData("11.1%", 576, 64)] // 63.94 -> 64
    [InlineData("0.1", 576, 58)] // 57.6 -> 58
    [InlineData("0.5", 3, 2)] // 1.5 -> 2: halves round away from zero
    [InlineData("0.001", 576, 1)] // 0.576 -> 1, and never below 1
    [InlineData("1%", 16, 1)] // 0.16 -> 0 -> at least 1
    [InlineData("1000", 576, 576)] // clamped to the total
    [InlineData("1", 576, 1)] // no decimal point: a count
    [InlineData("1.0", 576, 576)] // decimal point: a fraction
    [InlineData("100%", 576, 576)]
    public void Parse_AcceptedForms_ResolveAsDocumented(string text, int total, int expected)
    {
        Assert.Equal(expected, VisualTokenBudget.Parse(text).Resolve(total));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0%")]
    [InlineData("150%")]
    [InlineData("1.5")]
    [InlineData("0.0")]
    [InlineData("1e2")]
    [InlineData("25 %")]
    [InlineData("64 tokens")]
    public void Parse_Invalid_ThrowsListingAcceptedForms(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => VisualTokenBudget.Parse(text));

        Assert.Contains("\"64\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"25%\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"0.25\"", e.Message, StringComparison.Ordinal);
        Assert.False(VisualTokenBudget.TryParse(text, out _));
    }

    [Theory]
    [InlineData("64")]
    [InlineData("25%")]
    [InlineData("12.5%")]
    public void ToString_RoundTrips(string text)
    {
        var budget = VisualTokenBudget.Parse(text);

        Assert.Equal(budget, VisualTokenBudget.Parse(budget.ToString()));
        Assert.Equal(text, budget.ToString());
    }

    [Fact]
    public void Describe_PaperStyle()
    {
        Assert.Equal("Retain 64 (-88.9%)", VisualTokenBudget.Describe(64, 576));
        Assert.Equal("Retain 576 (-0.0%)", VisualTokenBudget.Describe(576, 576));
    }

    [Fact]
    public void Factories_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VisualTokenBudget.FromCount(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => VisualTokenBudget.FromFraction(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => VisualTokenBudget.Parse("64").Resolve(0));
    }
}
