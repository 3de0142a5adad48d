using System;
using LocalModel.Pruning.InLlm;

namespace LocalModel.Tests.Pruning;

/// <summary>FastV / PyramidDrop's ranking and dropping, without ONNX Runtime: hand-worked rows and scores.</summary>
public class InLlmTokenPrunerTests
{
    // Rows: text, v1, v2, v3, v4, text; width 2 (row r holds r*10, r*10+1).
    private static StagePromptRows Rows() => StagePromptRows.AllAlive(
        new float[] { 0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51 },
        new long[] { 0, 1, 2, 3, 4, 5 },
        new[] { false, true, true, true, true, false });

    [Fact]
    public void RankDropped_HalfOfFourVisual_DropsTwoLeastAttended()
    {
        // Visual scores 0.1, 0.4, 0.2, 0.3 -> keep v2 (0.4) and v4 (0.3); text scores are ignored.
        var dropped = InLlmTokenPruner.RankDropped(Rows(), new float[] { 9, 0.1f, 0.4f, 0.2f, 0.3f, 9 }, 0.5);

        Assert.Equal(new[] { 1, 3 }, dropped);
    }

    [Fact]
    public void RankDropped_TiedScores_KeepsEarlierRow()
    {
        var dropped = InLlmTokenPruner.RankDropped(Rows(), new float[] { 0, 0.5f, 0.5f, 0.5f, 0.5f, 0 }, 0.25);

        Assert.Equal(new[] { 2, 3, 4 }, dropped);
    }

    [Fact]
    public void RankDropped_KeepFractionZero_KeepsOneVisualRow()
    {
        var dropped = InLlmTokenPruner.RankDropped(Rows(), new float[] { 0, 0.1f, 0.2f, 0.9f, 0.3f, 0 }, 0);

        Assert.Equal(new[] { 1, 2, 4 }, dropped);
    }

    [Fact]
    public void RankDropped_MaskedRowsAreNotCandidates_RoundsHalfAwayFromZero()
    {
        // v1 masked already: 3 candidates, 0.5 * 3 = 1.5 -> 2 kept (v3 0.3, v4 0.2); v2 (0.1) dropped.
        var rows = Rows() with { Alive = new long[] { 1, 0, 1, 1, 1, 1 } };

        var dropped = InLlmTokenPruner.RankDropped(rows, new float[] { 0, 0.9f, 0.1f, 0.3f, 0.2f, 0 }, 0.5);

        Assert.Equal(new[] { 2 }, dropped);
    }

    [Fact]
    public void RankDropped_AttentionShorterThanRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => InLlmTokenPruner.RankDropped(Rows(), new float[3], 0.5));
    }

    [Fact]
    public void Apply_Drop_RemovesRowsAndReindexesPositions()
    {
        var rows = InLlmTokenPruner.Apply(Rows(), new[] { 1, 3 }, maskInsteadOfDrop: false, keepOriginalPositions: false, width: 2);

        Assert.Equal(new float[] { 0, 1, 20, 21, 40, 41, 50, 51 }, rows.Hidden);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, rows.Positions);
        Assert.Equal(new[] { false, true, true, false }, rows.IsVisual);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, rows.Alive);
        Assert.Equal(2, rows.VisualTokensKept);
    }

    [Fact]
    public void Apply_DropKeepingPositions_KeepsGaps()
    {
        var rows = InLlmTokenPruner.Apply(Rows(), new[] { 1, 3 }, maskInsteadOfDrop: false, keepOriginalPositions: true, width: 2);

        Assert.Equal(new long[] { 0, 2, 4, 5 }, rows.Positions);
    }

    [Fact]
    public void Apply_Mask_KeepsRowsWithMaskZero()
    {
        var original = Rows();

        var rows = InLlmTokenPruner.Apply(original, new[] { 1, 3 }, maskInsteadOfDrop: true, keepOriginalPositions: true, width: 2);

        Assert.Equal(original.Hidden, rows.Hidden);
        Assert.Equal(original.Positions, rows.Positions);
        Assert.Equal(new long[] { 1, 0, 1, 0, 1, 1 }, rows.Alive);
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 1 }, original.Alive);
        Assert.Equal(2, rows.VisualTokensKept);
    }

    [Fact]
    public void Apply_NothingDropped_ReturnsSameRows()
    {
        var original = Rows();

        Assert.Same(original, InLlmTokenPruner.Apply(original, Array.Empty<int>(), maskInsteadOfDrop: false, keepOriginalPositions: false, width: 2));
    }
}
