using System;
using LocalModel.Pruning;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>FasterVLM, VTC-CLS and FoPru-rank on a hand-made 4x4 grid.</summary>
public class AttentionSelectorTests
{
    // Layer 1 (the highest present, i.e. the feature layer by default), raster order on the 4x4 grid:
    //   3 9 1 0
    //   5 9 2 2
    //   8 0 7 4
    //   6 1 3 9
    // Descending with ties by lower index: 9@1, 9@5, 9@15, 8@8, 7@10, 6@12, 5@4, ...
    private static readonly float[] Layer1 = { 3, 9, 1, 0, 5, 9, 2, 2, 8, 0, 7, 4, 6, 1, 3, 9 };

    // Layer 0 is the reverse ranking, to show which layer is read: its top 2 are 9@0 and 8@3.
    private static readonly float[] Layer0 = { 9, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

    [Theory]
    [InlineData(4, new[] { 1, 5, 8, 15 })] // the three 9s and the 8, back in raster order
    [InlineData(2, new[] { 1, 5 })] // three-way tie at 9: the lower indices 1 and 5 win over 15
    [InlineData(1, new[] { 1 })]
    [InlineData(6, new[] { 1, 5, 8, 10, 12, 15 })]
    public void FasterVlm_HighestLayerScores_TopKInRasterOrder(int budget, int[] expected)
    {
        var context = SelectionContexts.WithAttention(4, 4, budget, (0, Layer0), (1, Layer1));

        var result = new FasterVlmSelector().Select(context);

        Assert.Equal(expected, result.SourceIndices);
        Assert.Null(result.Features);
    }

    [Fact]
    public void FasterVlm_ConfiguredLayer_ReadsThatLayer()
    {
        var context = SelectionContexts.WithAttention(4, 4, 2, (0, Layer0), (1, Layer1));

        var result = new FasterVlmSelector(featureLayer: 0).Select(context);

        Assert.Equal(new[] { 0, 3 }, result.SourceIndices);
    }

    [Fact]
    public void FasterVlm_FullBudget_KeepsAllInOrder()
    {
        var context = SelectionContexts.WithAttention(4, 4, 16, (1, Layer1));

        var result = new FasterVlmSelector().Select(context);

        Assert.Equal(SelectionIndices(16), result.SourceIndices);
    }

    [Fact]
    public void FasterVlm_ConfiguredLayerMissing_ThrowsNamingLayers()
    {
        var context = SelectionContexts.WithAttention(4, 4, 2, (0, Layer0), (1, Layer1));

        var e = Assert.Throws<InvalidOperationException>(() => new FasterVlmSelector(featureLayer: 22).Select(context));

        Assert.Contains("layer 22", e.Message, StringComparison.Ordinal);
        Assert.Contains("0, 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("--cls-attention-layers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FasterVlm_AttentionRowOfWrongLength_Throws()
    {
        var context = SelectionContexts.WithAttention(4, 4, 2, (1, new float[15]));

        Assert.Throws<InvalidOperationException>(() => new FasterVlmSelector().Select(context));
    }

    [Fact]
    public void FoPruRank_SameScores_GlobalTopKOrderRestored()
    {
        // Same ranking as FasterVLM: 9@1, 9@5, 9@15 (ties by index), then 8@8, 7@10.
        var context = SelectionContexts.WithAttention(4, 4, 5, (0, Layer0), (1, Layer1));

        var result = new FoPruRankSelector().Select(context);

        Assert.Equal(new[] { 1, 5, 8, 10, 15 }, result.SourceIndices);
    }

    // Three layers; nonzero entries only:
    //   L0: 1@0, 4@15      L1: 2@1, 3@10      L2: 2@1, 1@4
    // Sum over 0..2: 1@0, 4@1, 1@4, 3@10, 4@15.
    private static readonly (int, float[])[] ThreeLayers =
    {
        (0, Row((0, 1), (15, 4))),
        (1, Row((1, 2), (10, 3))),
        (2, Row((1, 2), (4, 1))),
    };

    [Theory]
    [InlineData(3, new[] { 1, 10, 15 })] // 4@1, 4@15 (tie, both in), 3@10
    [InlineData(4, new[] { 0, 1, 10, 15 })] // then 1@0 and 1@4 tie: the lower index 0 wins
    [InlineData(2, new[] { 1, 15 })]
    public void VtcCls_DefaultRange_SumsAllPresentLayers(int budget, int[] expected)
    {
        var context = SelectionContexts.WithAttention(4, 4, budget, ThreeLayers);

        var result = new VtcClsSelector().Select(context);

        Assert.Equal(expected, result.SourceIndices);
    }

    [Fact]
    public void VtcCls_StartLayer_SumsFromStartToFeatureLayer()
    {
        // Layers 1..2: 4@1, 1@4, 3@10 -> top 2 = {1, 10}.
        var context = SelectionContexts.WithAttention(4, 4, 2, ThreeLayers);

        var result = new VtcClsSelector(startLayer: 1).Select(context);

        Assert.Equal(new[] { 1, 10 }, result.SourceIndices);
    }

    [Fact]
    public void VtcCls_FeatureLayer_EndsTheRange()
    {
        // Layers 0..1: 1@0, 2@1, 3@10, 4@15 -> top 2 = {10, 15}.
        var context = SelectionContexts.WithAttention(4, 4, 2, ThreeLayers);

        var result = new VtcClsSelector(featureLayer: 1).Select(context);

        Assert.Equal(new[] { 10, 15 }, result.SourceIndices);
    }

    [Fact]
    public void VtcCls_ConfiguredRangeWithMissingLayer_Throws()
    {
        var context = SelectionContexts.WithAttention(4, 4, 2, ThreeLayers[0], ThreeLayers[2]);

        var e = Assert.Throws<InvalidOperationException>(() => new VtcClsSelector(startLayer: 0).Select(context));

        Assert.Contains("layer 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VtcCls_StartAfterFeatureLayer_ThrowsAtConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VtcClsSelector(startLayer: 3, featureLayer: 2));
    }

    [Theory]
    [InlineData("fastervlm", "FasterVLM")]
    [InlineData("vtc-cls", "VTC-CLS")]
    [InlineData("fopru-rank", "FoPru-rank")]
    [InlineData("fopru-row", "FoPru-row")]
    [InlineData("adaptive-mass", "Adaptive mass")]
    public void Select_NoClsAttention_ThrowsNamingMethodAndRebuildOption(string method, string display)
    {
        var context = SelectionContexts.WithFeatures(4, 4, 1, new float[16], 4);
        var selector = VisualTokenSelectors.Create(method, new PruningOptions());

        var e = Assert.Throws<InvalidOperationException>(() => selector.Select(context));

        Assert.StartsWith(display, e.Message, StringComparison.Ordinal);
        Assert.Contains("no [CLS] attention outputs", e.Message, StringComparison.Ordinal);
        Assert.Contains("--cls-attention-layers", e.Message, StringComparison.Ordinal);
        Assert.Contains("divprune, bipartite-merge, pool", e.Message, StringComparison.Ordinal);
        Assert.Contains("uniform", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visionzip", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fastervlm")]
    [InlineData("adaptive-mass")]
    public void Select_NoClsButReceivedAttention_ErrorListsVisionZip(string method)
    {
        var context = SelectionContexts.WithReceivedAttention(4, 4, 1, new float[16], 4, new float[16]);
        var selector = VisualTokenSelectors.Create(method, new PruningOptions());

        var e = Assert.Throws<InvalidOperationException>(() => selector.Select(context));

        Assert.Contains("divprune, bipartite-merge, visionzip, pool", e.Message, StringComparison.Ordinal);
    }

    internal static int[] SelectionIndices(int count)
    {
        var all = new int[count];
        for (var i = 0; i < count; i++)
        {
            all[i] = i;
        }

        return all;
    }

    private static float[] Row(params (int Index, float Value)[] entries)
    {
        var row = new float[16];
        foreach (var (i, v) in entries)
        {
            row[i] = v;
        }

        return row;
    }
}
