namespace LocalModel.Generation;

/// <summary>One image as decoder input rows: its kept visual tokens, projected to the text width.</summary>
/// <param name="Embeddings">Row-major <c>[Tokens, hidden]</c>.</param>
/// <param name="Tokens">Visual tokens kept.</param>
/// <param name="TokensTotal">Visual tokens the vision encoder produced.</param>
/// <param name="SourceIndices">For each kept row, the index of the token it came from (the representative for merged rows).</param>
/// <param name="GridHeight">The token grid's rows (Qwen2.5-VL: the merged grid, which M-RoPE positions span).</param>
/// <param name="GridWidth">The token grid's columns.</param>
internal sealed record EncodedImage(float[] Embeddings, int Tokens, int TokensTotal, int[] SourceIndices, int GridHeight, int GridWidth);
