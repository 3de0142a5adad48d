using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>FoPru row strategy (our reading) on a hand-made 4x4 grid.</summary>
public class FoPruRowSelectorTests
{
    // Feature-layer [CLS] attention by grid row, with row sums:
    //   row 0: 1 1 1 1  -> 4
    //   row 1: 0 5 0 0  -> 5
    //   row 2: 2 2 0 3  -> 7
    //   row 3: 0 0 4 1  -> 5
    // Row ranking: row 2 (7), row 1 (5; ties with row 3, lower row first), row 3 (5), row 0 (4).
    private static readonly float[] Scores = { 1, 1, 1, 1, 0, 5, 0, 0, 2, 2, 0, 3, 0, 0, 4, 1 };

    [Theory]
    [InlineData(4, new[] { 8, 9, 10, 11 })] // row 2 exactly
    [InlineData(8, new[] { 4, 5, 6, 7, 8, 9, 10, 11 })] // rows 2 and 1 (row 1 beats row 3 on the tie)
    [InlineData(6, new[] { 4, 5, 8, 9, 10, 11 })] // row 2, then row 1's best two: 5@col1, then 0s tie -> col 0
    [InlineData(3, new[] { 8, 9, 11 })] // no full row fits: row 2's best three: 3@col3, 2@col0, 2@col1
    [InlineData(12, new[] { 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 })] // rows 2, 1, 3
    public void Select_WholeRowsThenNextRowsBest_InRasterOrder(int budget, int[] expected)
    {
        var context = SelectionContexts.WithAttention(4, 4, budget, (1, Scores));

        var result = new FoPruRowSelector().Select(context);

        Assert.Equal(expected, result.SourceIndices);
    }

    [Fact]
    public void Select_DiffersFromRankStrategy()
    {
        // Rank keeps the single best tokens 5@5, 4@14, 3@11; row keeps row 2's best three.
        var context = SelectionContexts.WithAttention(4, 4, 3, (1, Scores));

        Assert.Equal(new[] { 5, 11, 14 }, new FoPruRankSelector().Select(context).SourceIndices);
        Assert.Equal(new[] { 8, 9, 11 }, new FoPruRowSelector().Select(context).SourceIndices);
    }
}
