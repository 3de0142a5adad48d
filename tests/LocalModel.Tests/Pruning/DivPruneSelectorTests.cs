using System;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>DivPrune on six 2-D feature rows (a 2x3 grid) whose cosine distances are easy to work out.</summary>
public class DivPruneSelectorTests
{
    // Directions: t0 0deg, t1 0deg (duplicate of t0), t2 90deg, t3 45deg (length 2*sqrt2: cosine ignores length),
    // t4 180deg, t5 270deg. Distance d = 1 - cos: 0deg apart 0, 45deg 0.293, 90deg 1, 135deg 1.707, 180deg 2.
    //
    // Init (nearest other token, largest wins): t0 0 (t1), t1 0 (t0), t2 0.293 (t3), t3 0.293, t4 1 (t2/t5),
    //   t5 1 (t0/t4) -> tie t4/t5 at 1, lower index: t4.
    // Step 2, min distance to {t4}: t0 2, t1 2, t2 1, t3 1.707, t5 1 -> t0 (tie with t1, lower index).
    // Step 3, to {t4,t0}: t1 0, t2 1, t3 0.293, t5 1 -> t2 (tie with t5, lower index).
    // Step 4, to {t4,t0,t2}: t1 0, t3 0.293, t5 1 -> t5.
    // Step 5: t1 0, t3 0.293 -> t3. Step 6: t1.
    private static readonly float[] Features = { 1, 0, 1, 0, 0, 1, 2, 2, -1, 0, 0, -1 };

    [Theory]
    [InlineData(1, new[] { 4 })]
    [InlineData(2, new[] { 0, 4 })]
    [InlineData(3, new[] { 0, 2, 4 })]
    [InlineData(4, new[] { 0, 2, 4, 5 })]
    [InlineData(5, new[] { 0, 2, 3, 4, 5 })]
    [InlineData(6, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Select_GreedyMaxMin_SortedIndices(int budget, int[] expected)
    {
        var context = SelectionContexts.WithFeatures(2, 3, 2, Features, budget);

        var result = new DivPruneSelector().Select(context);

        Assert.Equal(expected, result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void Select_WideRowsPaddedWithZeros_SameSelection()
    {
        // Width 37 exercises the SIMD loop and its scalar tail; zero padding changes no cosine.
        const int Width = 37;
        var wide = new float[6 * Width];
        for (var t = 0; t < 6; t++)
        {
            wide[t * Width + 3] = Features[t * 2];
            wide[t * Width + 35] = Features[t * 2 + 1];
        }

        var context = SelectionContexts.WithFeatures(2, 3, Width, wide, 4);

        Assert.Equal(new[] { 0, 2, 4, 5 }, new DivPruneSelector().Select(context).SourceIndices);
    }

    [Fact]
    public void Select_NoClsAttention_Works()
    {
        var context = SelectionContexts.WithFeatures(2, 3, 2, Features, 3);

        Assert.Empty(context.ClsAttention);
        Assert.Equal(3, new DivPruneSelector().Select(context).Count);
    }

    [Fact]
    public void Select_AllRowsIdentical_TakesLowestIndices()
    {
        var same = new float[8];
        Array.Fill(same, 1f);
        var context = SelectionContexts.WithFeatures(2, 2, 2, same, 2);

        Assert.Equal(new[] { 0, 1 }, new DivPruneSelector().Select(context).SourceIndices);
    }
}
