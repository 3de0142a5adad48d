using System;
using System.Linq;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>VisionZip on eight 2-D rows (a 1x8 grid), dominant picks, target choice and group means checked by hand.</summary>
public class VisionZipSelectorTests
{
    // t0 (1,0)  t1 (0,2)  t2 (-1,0)  t3 (3,0)  t4 (5,5)  t5 (0,4)  t6 (2,1)  t7 (1,1)
    private static readonly float[] Features = { 1, 0, 0, 2, -1, 0, 3, 0, 5, 5, 0, 4, 2, 1, 1, 1 };

    // Layer 1 (the highest, i.e. the feature layer by default) ranks t4 .9, t2 .3, t7 .2, t0 .1, t1, t6, t3, t5.
    private static readonly float[] Layer1 = { 0.1f, 0.05f, 0.3f, 0.02f, 0.9f, 0.01f, 0.03f, 0.2f };

    // Layer 0 ranks t0, t1 first, to show which layer is read.
    private static readonly float[] Layer0 = { 0.9f, 0.8f, 0, 0, 0, 0, 0, 0 };

    // Received attention ranks t0 .8, t7 .7 first.
    private static readonly float[] Received = { 0.8f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.7f };

    [Fact]
    public void Select_ClsAttention_DominantByFeatureLayerAndContextualMeans()
    {
        // Budget 4, contextual share 0.5 -> 2 dominant + 2 contextual. Dominant by layer 1: t4, t2.
        // Remaining in raster order: t0 t1 t3 t5 t6 t7 (6); step = 6 / 2 = 3 -> targets at places 0 and 3: t0, t5.
        // t1 -> t5 (cos 1 vs 0); t3 -> t0 (1 vs 0); t6 -> t0 (0.894 vs 0.447); t7 -> t0 (0.707 each: tie, earlier target).
        // t0's group {t0,t3,t6,t7}: (7/4, 2/4); t5's group {t5,t1}: (0, 3). Rows at 0, 2, 4, 5 in raster order.
        var context = SelectionContexts.Create(1, 8, 2, Features, 4, new[] { (0, Layer0), (1, Layer1) });

        var result = new VisionZipSelector(contextualFraction: 0.5).Select(context);

        Assert.Equal(new[] { 0, 2, 4, 5 }, result.SourceIndices);
        AssertRows(result.Features!, 1.75f, 0.5f, -1, 0, 5, 5, 0, 3);
    }

    [Fact]
    public void Select_NoClsAttention_DominantByReceivedAttention()
    {
        // Dominant by received attention: t0, t7. Remaining t1 t2 t3 t4 t5 t6; targets at places 0 and 3: t1, t4.
        // t2 (-1,0) -> t1 (cos 0 vs -0.707); t3 -> t4 (0 vs 0.707); t5 -> t1 (1 vs 0.707); t6 -> t4 (0.447 vs 0.949).
        // t1's group {t1,t2,t5}: (-1/3, 2); t4's group {t4,t3,t6}: (10/3, 2).
        var context = SelectionContexts.WithReceivedAttention(1, 8, 2, Features, 4, Received);

        var result = new VisionZipSelector(contextualFraction: 0.5).Select(context);

        Assert.Equal(new[] { 0, 1, 4, 7 }, result.SourceIndices);
        AssertRows(result.Features!, 1, 0, -1f / 3, 2, 10f / 3, 2, 1, 1);
    }

    [Fact]
    public void Select_ClsAndReceivedAttention_ClsWins()
    {
        var context = SelectionContexts.WithReceivedAttention(1, 8, 2, Features, 2, Received, (1, Layer1));

        var result = new VisionZipSelector(contextualFraction: 0).Select(context);

        Assert.Equal(new[] { 2, 4 }, result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void Select_ConfiguredLayer_ReadsThatLayer()
    {
        var context = SelectionContexts.Create(1, 8, 2, Features, 2, new[] { (0, Layer0), (1, Layer1) });

        var result = new VisionZipSelector(contextualFraction: 0, featureLayer: 0).Select(context);

        Assert.Equal(new[] { 0, 1 }, result.SourceIndices);
    }

    [Fact]
    public void Select_OneMoreRemainingThanTargets_StepOneAndLastJoinsMostSimilar()
    {
        // Budget 7, share 0.5: contextual = round(3.5) = 4 (halves away from zero), dominant 3: t4, t2, t7.
        // Remaining t0 t1 t3 t5 t6: step = max(1, 5 / 4) = 1 -> targets t0 t1 t3 t5; t6 (2,1) is as close to t0 as
        // to t3 (cos 0.894 each) -> the earlier target t0: ((1+2)/2, (0+1)/2) = (1.5, 0.5).
        var context = SelectionContexts.Create(1, 8, 2, Features, 7, new[] { (1, Layer1) });

        var result = new VisionZipSelector(contextualFraction: 0.5).Select(context);

        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 7 }, result.SourceIndices);
        AssertRows(result.Features!, 1.5f, 0.5f, 0, 2, -1, 0, 3, 0, 5, 5, 0, 4, 1, 1);
    }

    [Fact]
    public void Select_FullBudget_KeepsAllTokensUnchanged()
    {
        var context = SelectionContexts.Create(1, 8, 2, Features, 8, new[] { (1, Layer1) });

        var result = new VisionZipSelector().Select(context);

        Assert.Equal(Enumerable.Range(0, 8), result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void Select_BudgetOne_KeepsTheTopTokenOnly()
    {
        // Default share: round(1 * 10/64) = 0 contextual -> the single best token by [CLS] attention.
        var context = SelectionContexts.Create(1, 8, 2, Features, 1, new[] { (1, Layer1) });

        var result = new VisionZipSelector().Select(context);

        Assert.Equal(new[] { 4 }, result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void Select_DefaultShareAt64Of576_54DominantCopiesAnd10MergedRows()
    {
        // Arrange: a 24x24 grid as in LLaVA-1.5; the 54 best tokens of layer 1 must come back as exact copies.
        var context = SelectionContexts.Random(24, 24, 8, 64);
        var scores = context.ClsAttention[1].ToArray();
        var dominant = Enumerable.Range(0, 576).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(54).ToHashSet();
        var features = context.Features.ToArray();

        // Act
        var result = new VisionZipSelector().Select(context);

        // Assert
        Assert.Equal(64, result.Count);
        Assert.Equal(result.SourceIndices.OrderBy(i => i), result.SourceIndices);
        Assert.Equal(54, result.SourceIndices.Count(dominant.Contains));
        for (var r = 0; r < result.Count; r++)
        {
            var source = result.SourceIndices[r];
            var row = result.Features!.AsSpan(r * 8, 8).ToArray();
            var original = features.AsSpan(source * 8, 8).ToArray();
            Assert.Equal(dominant.Contains(source), row.SequenceEqual(original));
        }
    }

    [Fact]
    public void Select_NeitherClsNorReceivedAttention_ThrowsNamingWhatIsMissingAndWhatWorks()
    {
        var context = SelectionContexts.WithFeatures(1, 8, 2, Features, 4);

        var e = Assert.Throws<InvalidOperationException>(() => new VisionZipSelector().Select(context));

        Assert.Contains("[CLS] attention", e.Message, StringComparison.Ordinal);
        Assert.Contains("received-attention", e.Message, StringComparison.Ordinal);
        Assert.Contains("--cls-attention-layers", e.Message, StringComparison.Ordinal);
        Assert.Contains("divprune", e.Message, StringComparison.Ordinal);
        Assert.Contains("bipartite-merge", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visionzip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_ReceivedAttentionOfWrongLength_Throws()
    {
        var context = SelectionContexts.WithReceivedAttention(1, 8, 2, Features, 4, new float[7]);

        var e = Assert.Throws<InvalidOperationException>(() => new VisionZipSelector().Select(context));

        Assert.Contains("7 values", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64, 54, 10)] // the reference README's LLaVA-1.5 setting
    [InlineData(128, 108, 20)]
    [InlineData(192, 162, 30)]
    [InlineData(1, 1, 0)]
    [InlineData(3, 3, 0)] // 0.47 rounds down
    [InlineData(4, 3, 1)] // 0.625 rounds up
    public void SplitBudget_DefaultShare_PaperRatio(int budget, int dominant, int contextual)
    {
        Assert.Equal((dominant, contextual), new VisionZipSelector().SplitBudget(budget));
    }

    [Fact]
    public void SplitBudget_ShareRoundingToWholeBudget_KeepsOneDominant()
    {
        // 0.9 * 2 = 1.8 rounds to 2, capped at budget - 1.
        Assert.Equal((1, 1), new VisionZipSelector(contextualFraction: 0.9).SplitBudget(2));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_ShareOutsideRange_Throws(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new VisionZipSelector(fraction));

        Assert.Equal("contextualFraction", e.ParamName);
    }

    private static void AssertRows(float[] actual, params float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
