namespace LocalModel.Generation;

/// <summary>The prompt's decoder input rows.</summary>
/// <param name="Embeddings">Row-major <c>[rows, hidden]</c>.</param>
/// <param name="Positions">Position ids, row-major <c>[rows, PositionStreams]</c> (one per row, or M-RoPE's temporal, height and width).</param>
/// <param name="IsVisual">Whether each row is a visual token.</param>
/// <param name="NextPosition">The position of the first generated token (in every stream).</param>
/// <param name="PositionStreams">Position ids per row: 1, or 3 for M-RoPE.</param>
internal sealed record PromptRows(float[] Embeddings, long[] Positions, bool[] IsVisual, long NextPosition, int PositionStreams = 1)
{
    public int Count => IsVisual.Length;

    /// <summary>Returns the positions as the decoder takes them: <c>[1, rows]</c>, or stream-major <c>[3, 1, rows]</c>.</summary>
    public long[] GraphPositions() => PositionLayout.StreamMajor(Positions, PositionStreams);
}
