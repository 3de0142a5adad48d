namespace LocalModel.Generation;

/// <summary>The prompt's decoder input rows.</summary>
/// <param name="Embeddings">Row-major <c>[rows, hidden]</c>.</param>
/// <param name="Positions">Position id per row.</param>
/// <param name="IsVisual">Whether each row is a visual token.</param>
/// <param name="NextPosition">The position of the first generated token.</param>
internal sealed record PromptRows(float[] Embeddings, long[] Positions, bool[] IsVisual, long NextPosition)
{
    public int Count => Positions.Length;
}
