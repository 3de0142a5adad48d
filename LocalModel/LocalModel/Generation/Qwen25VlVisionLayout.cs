using System;
using LocalModel.Packaging;

namespace LocalModel.Generation;

/// <summary>
/// What Qwen2.5-VL's vision graph needs besides the pixels, computed from one image's patch grid (HF
/// <c>Qwen2_5_VisionTransformerPretrainedModel.rot_pos_emb</c> and <c>get_window_index</c>): each patch's (h, w) in
/// merge-block order, the permutation of merged tokens into window order (windows of <c>window x window</c> merged
/// tokens in raster order of windows, partial windows at the bottom and right edges), its inverse, and the padded
/// window layout the windowed blocks attend in (every window padded to the full window's patch count, so attention is
/// computed per window, not over the whole image). Pure and thread-safe.
/// </summary>
internal sealed class Qwen25VlVisionLayout
{
    private Qwen25VlVisionLayout(long[] patchPositions, long[] windowIndex, long[] reverseIndex, long[] windowRows, long[] windowScatter, int windowPatches, int mergedHeight, int mergedWidth)
    {
        PatchPositions = patchPositions;
        WindowIndex = windowIndex;
        ReverseIndex = reverseIndex;
        WindowRows = windowRows;
        WindowScatter = windowScatter;
        WindowPatches = windowPatches;
        MergedHeight = mergedHeight;
        MergedWidth = mergedWidth;
    }

    /// <summary>Gets the (h, w) of each patch, row-major <c>[patches, 2]</c>, processor (merge-block) order.</summary>
    public long[] PatchPositions { get; }

    /// <summary>Gets, for each position in window order, the raster index of the merged token there.</summary>
    public long[] WindowIndex { get; }

    /// <summary>Gets, for each merged token in raster order, its position in window order.</summary>
    public long[] ReverseIndex { get; }

    /// <summary>
    /// Gets the padded windows, <c>[windows, WindowPatches]</c> row-major: the window-order patch in each slot, or the
    /// patch count (one past the last patch: a padding row) where a partial window has fewer patches.
    /// </summary>
    public long[] WindowRows { get; }

    /// <summary>Gets, for each patch in window order, its slot in <see cref="WindowRows"/>.</summary>
    public long[] WindowScatter { get; }

    /// <summary>Gets the slots per padded window: a full window's patches (window side squared times merge size squared).</summary>
    public int WindowPatches { get; }

    /// <summary>Gets the number of windows.</summary>
    public int Windows => WindowRows.Length / WindowPatches;

    /// <summary>Gets the merged grid's rows.</summary>
    public int MergedHeight { get; }

    /// <summary>Gets the merged grid's columns.</summary>
    public int MergedWidth { get; }

    /// <summary>Gets the number of merged tokens.</summary>
    public int MergedTokens => MergedHeight * MergedWidth;

    /// <summary>Computes the layout of a patch grid for the merge size and window of the package's vision tower.</summary>
    public static Qwen25VlVisionLayout For(int gridHeight, int gridWidth, VisionManifest vision) =>
        Create(gridHeight, gridWidth, vision.MergeSize, vision.WindowSize / (vision.PatchSize * vision.MergeSize));

    /// <summary>Computes the layout of a <paramref name="gridHeight"/> x <paramref name="gridWidth"/> patch grid.</summary>
    /// <param name="gridHeight">Patch rows (a multiple of <paramref name="mergeSize"/>).</param>
    /// <param name="gridWidth">Patch columns (a multiple of <paramref name="mergeSize"/>).</param>
    /// <param name="mergeSize">The merge block side (2).</param>
    /// <param name="window">The window side in merged tokens (window size / merge / patch: 112 / 2 / 14 = 4).</param>
    /// <exception cref="ArgumentException">The grid is not a positive multiple of the merge size, or the window is not positive.</exception>
    public static Qwen25VlVisionLayout Create(int gridHeight, int gridWidth, int mergeSize, int window)
    {
        if (gridHeight < mergeSize || gridWidth < mergeSize || gridHeight % mergeSize != 0 || gridWidth % mergeSize != 0 || mergeSize < 1 || window < 1)
        {
            throw new ArgumentException($"A {gridHeight}x{gridWidth} patch grid does not split into {mergeSize}x{mergeSize} merge blocks in windows of {window}.");
        }

        var lh = gridHeight / mergeSize;
        var lw = gridWidth / mergeSize;
        var unit = mergeSize * mergeSize;
        var positions = new long[2L * gridHeight * gridWidth];
        var p = 0;
        for (var bh = 0; bh < lh; bh++)
        {
            for (var bw = 0; bw < lw; bw++)
            {
                for (var mh = 0; mh < mergeSize; mh++)
                {
                    for (var mw = 0; mw < mergeSize; mw++)
                    {
                        positions[p++] = (bh * mergeSize) + mh;
                        positions[p++] = (bw * mergeSize) + mw;
                    }
                }
            }
        }

        // Windows tile the merged grid in raster order; the last row and column of windows may be partial.
        var patches = (long)lh * lw * unit;
        var slots = window * window * unit;
        var windows = ((lh + window - 1) / window) * ((lw + window - 1) / window);
        var windowIndex = new long[lh * lw];
        var windowRows = new long[(long)windows * slots];
        Array.Fill(windowRows, patches);
        var scatter = new long[patches];
        var n = 0;
        var w = 0;
        for (var wr = 0; wr < lh; wr += window)
        {
            for (var wc = 0; wc < lw; wc += window)
            {
                var slot = 0;
                for (var r = wr; r < Math.Min(wr + window, lh); r++)
                {
                    for (var c = wc; c < Math.Min(wc + window, lw); c++)
                    {
                        for (var u = 0; u < unit; u++)
                        {
                            var patch = ((long)n * unit) + u;
                            var at = ((long)w * slots) + slot++;
                            windowRows[at] = patch;
                            scatter[patch] = at;
                        }

                        windowIndex[n++] = (r * lw) + c;
                    }
                }

                w++;
            }
        }

        var reverse = new long[windowIndex.Length];
        for (var i = 0; i < windowIndex.Length; i++)
        {
            reverse[windowIndex[i]] = i;
        }

        return new Qwen25VlVisionLayout(positions, windowIndex, reverse, windowRows, scatter, slots, lh, lw);
    }
}
