using System;

namespace LocalModel.Pruning.InLlm;

/// <summary>
/// The prompt rows as they pass from one decoder stage to the next: hidden states, position ids, which rows are
/// visual tokens, and the attention mask (1 = present, 0 = masked out of later layers).
/// </summary>
/// <param name="Hidden">Row-major <c>[Count, width]</c>.</param>
/// <param name="Positions">Position ids, row-major <c>[Count, PositionStreams]</c>.</param>
/// <param name="IsVisual">Whether each row is a visual token.</param>
/// <param name="Alive">Attention mask value per row.</param>
/// <param name="PositionStreams">Position ids per row: 1, or 3 for M-RoPE.</param>
internal sealed record StagePromptRows(float[] Hidden, long[] Positions, bool[] IsVisual, long[] Alive, int PositionStreams = 1)
{
    /// <summary>Gets the number of rows.</summary>
    public int Count => IsVisual.Length;

    /// <summary>Gets the visual rows still attended to.</summary>
    public int VisualTokensKept
    {
        get
        {
            var kept = 0;
            for (var r = 0; r < IsVisual.Length; r++)
            {
                kept += IsVisual[r] && Alive[r] == 1 ? 1 : 0;
            }

            return kept;
        }
    }

    /// <summary>Creates rows that are all present.</summary>
    public static StagePromptRows AllAlive(float[] hidden, long[] positions, bool[] isVisual, int positionStreams = 1)
    {
        var alive = new long[isVisual.Length];
        Array.Fill(alive, 1L);
        return new StagePromptRows(hidden, positions, isVisual, alive, positionStreams);
    }
}
