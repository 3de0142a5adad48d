using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>ToMe/AIM bipartite merging on six 2-D rows (a 1x6 grid), means checked numerically.</summary>
public class BipartiteMergeSelectorTests
{
    // t0 (2,0) 0deg, t1 (4,0) 0deg, t2 (0,2) 90deg, t3 (0,6) 90deg, t4 (1,1) 45deg, t5 (3,-3) -45deg.
    // Round 1: A = t0, t2, t4 (even places), B = t1, t3, t5 (odd places). Best B by cosine:
    //   t0 -> t1 (cos 1), t2 -> t3 (cos 1), t4 -> t1 or t3 (cos 0.707 each; tie -> lower B place, t1).
    // A ranked by best cosine: t0 (1), t2 (1; tie with t0, lower A place first), t4 (0.707).
    private static readonly float[] Features = { 2, 0, 4, 0, 0, 2, 0, 6, 1, 1, 3, -3 };

    [Fact]
    public void Select_OneMerge_TieTakesLowerAPlace()
    {
        // Budget 5: r = 1 -> only t0 merges into t1: mean (3,0), placed at min(0,1) = 0.
        var result = Run(5);

        Assert.Equal(new[] { 0, 2, 3, 4, 5 }, result.SourceIndices);
        AssertRows(result.Features!, 3, 0, 0, 2, 0, 6, 1, 1, 3, -3);
    }

    [Fact]
    public void Select_TwoMerges_AveragesPairs()
    {
        // Budget 4: r = 2 -> t0 into t1 = (3,0) at 0, t2 into t3 = (0,4) at 2.
        var result = Run(4);

        Assert.Equal(new[] { 0, 2, 4, 5 }, result.SourceIndices);
        AssertRows(result.Features!, 3, 0, 0, 4, 1, 1, 3, -3);
    }

    [Fact]
    public void Select_ThreeMergesIntoTwoTargets_SizeWeightedMean()
    {
        // Budget 3: r = min(3, |A| = 3): t0 and t4 both merge into t1 -> ((2,0)+(4,0)+(1,1))/3 = (7/3, 1/3), size 3,
        // at 0; t2 into t3 -> (0,4), size 2, at 2; t5 stays at 5.
        var result = Run(3);

        Assert.Equal(new[] { 0, 2, 5 }, result.SourceIndices);
        AssertRows(result.Features!, 7f / 3, 1f / 3, 0, 4, 3, -3);
    }

    [Fact]
    public void Select_RepeatedMerge_StaysTrueMeanOfSources()
    {
        // Budget 2: round 1 as for budget 3 gives g0 = (7/3,1/3) size 3 at 0, g2 = (0,4) size 2 at 2, t5 at 5.
        // Round 2 (1 more to remove): A = g0, t5; B = g2. cos(g0,g2) = (4/3)/(sqrt(50)/3 * 4) = 0.141,
        // cos(t5,g2) = -0.707 -> g0 merges into g2: (3*(7/3,1/3) + 2*(0,4)) / 5 = (7,9)/5 = (1.4, 1.8), at min(2,0) = 0.
        // That is the true mean of t0..t4 ((2+4+0+0+1)/5, (0+0+2+6+1)/5); an unweighted pair mean would give (1.167, 2.167).
        var result = Run(2);

        Assert.Equal(new[] { 0, 5 }, result.SourceIndices);
        AssertRows(result.Features!, 1.4f, 1.8f, 3, -3);
    }

    [Fact]
    public void Select_FullBudget_KeepsOriginalTokens()
    {
        var result = Run(6);

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void Select_ToOneToken_GlobalMean()
    {
        // Every round keeps true means, so one remaining row is the mean of all six: (10/6, 6/6).
        var result = Run(1);

        Assert.Equal(new[] { 0 }, result.SourceIndices);
        AssertRows(result.Features!, 10f / 6, 1);
    }

    private static LocalModel.Selection.VisualTokenSelection Run(int budget) =>
        new BipartiteMergeSelector().Select(SelectionContexts.WithFeatures(1, 6, 2, Features, budget));

    private static void AssertRows(float[] actual, params float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
