using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>Our adaptive-mass selector on a hand-made 4x4 attention map.</summary>
public class AdaptiveMassSelectorTests
{
    // Feature-layer attention 8@0, 4@1, 2@2, 1@3, 1@4, 0 elsewhere; total 16.
    // Descending with ties by index: 8@0, 4@1, 2@2, 1@3, 1@4, then the zeros from index 5.
    // Cumulative mass: 8, 12, 14, 15, 16.
    private static readonly float[] Scores = { 8, 4, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

    [Theory]
    [InlineData(0.5, new[] { 0 })] // 8 >= 8
    [InlineData(0.75, new[] { 0, 1 })] // 12 >= 12
    [InlineData(0.8, new[] { 0, 1, 2 })] // 12 < 12.8 <= 14
    [InlineData(0.9, new[] { 0, 1, 2, 3 })] // 14 < 14.4 <= 15; the tie at 1 takes index 3 before 4
    [InlineData(1.0, new[] { 0, 1, 2, 3, 4 })] // 16: zero-attention tokens add nothing and are not needed
    public void Select_SmallestSetReachingMass(double fraction, int[] expected)
    {
        var result = new AdaptiveMassSelector(fraction).Select(SelectionContexts.WithAttention(4, 4, 16, (1, Scores)));

        Assert.Equal(expected, result.SourceIndices);
    }

    [Fact]
    public void Select_BelowMinimum_RaisedToMinimum()
    {
        var result = new AdaptiveMassSelector(0.5, minTokens: 3).Select(SelectionContexts.WithAttention(4, 4, 16, (1, Scores)));

        Assert.Equal(new[] { 0, 1, 2 }, result.SourceIndices);
    }

    [Fact]
    public void Select_AboveBudget_BudgetIsTheMaximum()
    {
        var result = new AdaptiveMassSelector(1.0).Select(SelectionContexts.WithAttention(4, 4, 2, (1, Scores)));

        Assert.Equal(new[] { 0, 1 }, result.SourceIndices);
    }

    [Fact]
    public void Select_AboveConfiguredMaximum_Capped()
    {
        var result = new AdaptiveMassSelector(1.0, maxTokens: 3).Select(SelectionContexts.WithAttention(4, 4, 16, (1, Scores)));

        Assert.Equal(new[] { 0, 1, 2 }, result.SourceIndices);
    }

    [Fact]
    public void Select_MinimumAboveBudget_BudgetWins()
    {
        var result = new AdaptiveMassSelector(0.5, minTokens: 5).Select(SelectionContexts.WithAttention(4, 4, 2, (1, Scores)));

        Assert.Equal(new[] { 0, 1 }, result.SourceIndices);
    }
}
