using System.Text.Json.Serialization;

namespace MiniLmReference;

/// <summary>One sentence as the package sees it: its token ids and its embedding.</summary>
internal sealed record ReferenceEmbedding(
    [property: JsonPropertyName("ids")] long[] Ids,
    [property: JsonPropertyName("embedding")] float[] Embedding);
