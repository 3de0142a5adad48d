using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModel.Pruning.InLlm;

/// <summary>
/// The token-dropping step of FastV (Chen et al., 2024) and PyramidDrop (Xing et al., 2024) at a decoder stage
/// boundary: the visual rows still present are ranked by the attention the last prompt token pays them (head mean,
/// at the stage's last layer), the best <see cref="LlmPruningStep.KeepFraction"/> stay (at least one; ties keep the
/// earlier row), and the rest leave every later layer: removed, or masked out as a reference mode. Text rows always
/// stay. Pure: no ONNX Runtime.
/// </summary>
internal static class InLlmTokenPruner
{
    /// <summary>Returns the rows to drop, in increasing order; empty when no visual row is present.</summary>
    /// <param name="rows">The rows entering the next stage.</param>
    /// <param name="attention">The last prompt token's attention per row (the stage's <c>last_query_attention</c>).</param>
    /// <param name="keepFraction">The fraction of present visual rows to keep.</param>
    public static int[] RankDropped(StagePromptRows rows, ReadOnlySpan<float> attention, double keepFraction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (attention.Length < rows.Count)
        {
            throw new ArgumentException($"The attention row has {attention.Length} values for {rows.Count} rows.", nameof(attention));
        }

        var candidates = new List<int>();
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows.IsVisual[r] && rows.Alive[r] == 1)
            {
                candidates.Add(r);
            }
        }

        if (candidates.Count == 0)
        {
            return Array.Empty<int>();
        }

        var scores = attention[..rows.Count].ToArray();
        var keepCount = Math.Clamp((int)Math.Round(keepFraction * candidates.Count, MidpointRounding.AwayFromZero), 1, candidates.Count);
        var kept = candidates.OrderByDescending(r => scores[r]).ThenBy(r => r).Take(keepCount).ToHashSet();
        return candidates.Where(r => !kept.Contains(r)).ToArray();
    }

    /// <summary>Returns the rows after dropping <paramref name="dropped"/>.</summary>
    /// <param name="rows">The rows entering the next stage.</param>
    /// <param name="dropped">Rows to drop, from <see cref="RankDropped"/>.</param>
    /// <param name="maskInsteadOfDrop">Keep the rows but mask them out (attention mask 0) instead of removing them.</param>
    /// <param name="keepOriginalPositions">Kept rows keep their position ids (FastV) instead of being re-indexed 0.. (PyramidDrop); M-RoPE rows always keep theirs.</param>
    /// <param name="width">The hidden width of a row.</param>
    public static StagePromptRows Apply(StagePromptRows rows, IReadOnlyCollection<int> dropped, bool maskInsteadOfDrop, bool keepOriginalPositions, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dropped);
        if (dropped.Count == 0)
        {
            return rows;
        }

        var drop = new HashSet<int>(dropped);
        if (maskInsteadOfDrop)
        {
            var alive = rows.Alive.ToArray();
            foreach (var r in drop)
            {
                alive[r] = 0;
            }

            return rows with { Alive = alive };
        }

        var keepRows = Enumerable.Range(0, rows.Count).Where(r => !drop.Contains(r)).ToArray();
        var streams = rows.PositionStreams;
        var hidden = new float[keepRows.Length * width];
        var positions = new long[keepRows.Length * streams];
        var visual = new bool[keepRows.Length];
        for (var i = 0; i < keepRows.Length; i++)
        {
            rows.Hidden.AsSpan(keepRows[i] * width, width).CopyTo(hidden.AsSpan(i * width));
            if (keepOriginalPositions || streams != 1)
            {
                // M-RoPE positions are grid cells, not a sequence index, so kept rows always keep theirs.
                rows.Positions.AsSpan(keepRows[i] * streams, streams).CopyTo(positions.AsSpan(i * streams, streams));
            }
            else
            {
                positions[i] = i;
            }

            visual[i] = rows.IsVisual[keepRows[i]];
        }

        return StagePromptRows.AllAlive(hidden, positions, visual, streams);
    }
}
