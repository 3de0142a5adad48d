using System;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>M3-style grid pooling: averages and positions checked numerically.</summary>
public class GridPoolingSelectorTests
{
    [Fact]
    public void Select_2x2On4x4_AveragesWindowsInRasterOrder()
    {
        // Feature = (index, 1). Windows: {0,1,4,5} -> 2.5 at 0; {2,3,6,7} -> 4.5 at 2; {8,9,12,13} -> 10.5 at 8;
        // {10,11,14,15} -> 12.5 at 10.
        var result = new GridPoolingSelector(2).Select(TwoChannelGrid(4, 4, budget: 4));

        Assert.Equal(new[] { 0, 2, 8, 10 }, result.SourceIndices);
        Assert.Equal(new[] { 2.5f, 1, 4.5f, 1, 10.5f, 1, 12.5f, 1 }, result.Features);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)] // one partial window over the whole 4x4 grid
    [InlineData(GridPoolingSelector.GlobalFactor)]
    public void Select_CoarseOrGlobal_OneTokenMeanAtZero(int factor)
    {
        // Mean of 0..15 = 7.5.
        var result = new GridPoolingSelector(factor).Select(TwoChannelGrid(4, 4, budget: 4));

        Assert.Equal(new[] { 0 }, result.SourceIndices);
        Assert.Equal(new[] { 7.5f, 1 }, result.Features);
    }

    [Fact]
    public void Select_GridNotDivisible_PartialWindowsAverageWhatExists()
    {
        // 3x5 grid, value = index:
        //    0  1  2  3  4
        //    5  6  7  8  9
        //   10 11 12 13 14
        // 2x2 windows: {0,1,5,6} 3 at 0; {2,3,7,8} 5 at 2; {4,9} 6.5 at 4; {10,11} 10.5 at 10; {12,13} 12.5 at 12; {14} 14 at 14.
        var result = new GridPoolingSelector(2).Select(TwoChannelGrid(3, 5, budget: 15));

        Assert.Equal(new[] { 0, 2, 4, 10, 12, 14 }, result.SourceIndices);
        Assert.Equal(new[] { 3f, 1, 5, 1, 6.5f, 1, 10.5f, 1, 12.5f, 1, 14, 1 }, result.Features);
    }

    [Fact]
    public void Select_BudgetAbovePooledCount_BudgetIgnored()
    {
        var result = new GridPoolingSelector(2).Select(TwoChannelGrid(4, 4, budget: 16));

        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void Select_PooledCountAboveBudget_ThrowsNamingCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => new GridPoolingSelector(2).Select(TwoChannelGrid(4, 4, budget: 3)));

        Assert.Contains("pool-2x2 makes 4 tokens", e.Message, StringComparison.Ordinal);
        Assert.Contains("budget 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 24, 24, 144)]
    [InlineData(4, 24, 24, 36)]
    [InlineData(8, 24, 24, 9)]
    [InlineData(GridPoolingSelector.GlobalFactor, 24, 24, 1)]
    [InlineData(8, 4, 4, 1)]
    [InlineData(2, 3, 5, 6)]
    public void PooledCount_MatchesM3Counts(int factor, int height, int width, int expected)
    {
        Assert.Equal(expected, new GridPoolingSelector(factor).PooledCount(height, width));
    }

    [Theory]
    [InlineData(2, "pool-2x2")]
    [InlineData(8, "pool-8x8")]
    [InlineData(GridPoolingSelector.GlobalFactor, "pool-global")]
    public void Name_NamesTheFactor(int factor, string name)
    {
        Assert.Equal(name, new GridPoolingSelector(factor).Name);
    }

    private static LocalModel.Selection.VisualTokenSelectionContext TwoChannelGrid(int height, int width, int budget)
    {
        var features = new float[height * width * 2];
        for (var i = 0; i < height * width; i++)
        {
            features[i * 2] = i;
            features[i * 2 + 1] = 1;
        }

        return SelectionContexts.WithFeatures(height, width, 2, features, budget);
    }
}
