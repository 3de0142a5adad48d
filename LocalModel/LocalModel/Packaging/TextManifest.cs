using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>The language model as the runtime sees it.</summary>
public sealed class TextManifest
{
    /// <summary>Gets or sets the hidden size (width of <c>inputs_embeds</c>).</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; set; }

    /// <summary>Gets or sets the decoder layer count (number of past/present pairs).</summary>
    [JsonPropertyName("num_layers")]
    public int NumLayers { get; set; }

    /// <summary>Gets or sets the query head count.</summary>
    [JsonPropertyName("num_heads")]
    public int NumHeads { get; set; }

    /// <summary>Gets or sets the key/value head count.</summary>
    [JsonPropertyName("num_kv_heads")]
    public int NumKvHeads { get; set; }

    /// <summary>Gets or sets the per-head dimension.</summary>
    [JsonPropertyName("head_dim")]
    public int HeadDim { get; set; }

    /// <summary>Gets or sets the vocabulary size (logits width).</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; set; }

    /// <summary>Gets or sets the maximum sequence length.</summary>
    [JsonPropertyName("context_length")]
    public int ContextLength { get; set; }

    /// <summary>
    /// Gets or sets where the token embedding matrix lies as raw row-major data, or null. When set, the runtime
    /// looks embeddings up itself (a memory-mapped row copy per token) instead of running the embedding graph.
    /// </summary>
    [JsonPropertyName("embedding_table")]
    public EmbeddingTableManifest? EmbeddingTable { get; set; }

    /// <summary>
    /// Gets or sets the layers where staged decoder graphs (<c>decoder_stage_0</c>, <c>decoder_stage_1</c>, ...) split
    /// the decoder, for in-LLM pruning; empty when the package has no staged graphs. Stage s runs layers
    /// boundaries[s-1] (0 for s = 0) up to boundaries[s] (the layer count for the last stage).
    /// </summary>
    [JsonPropertyName("stage_boundaries")]
    public List<int> StageBoundaries { get; set; } = new();

    /// <summary>
    /// Gets or sets how the unstaged decoder is written: <c>standard</c> (standard ONNX operators) or <c>fused</c> (ONNX
    /// Runtime's GroupQueryAttention, RotaryEmbedding and SkipSimplifiedLayerNormalization). Staged graphs are always standard.
    /// </summary>
    [JsonPropertyName("decoder_flavour")]
    public string DecoderFlavour { get; set; } = "standard";

    /// <summary>
    /// Gets or sets the position streams of the decoder's <c>position_ids</c>: 1 (default; <c>[batch, seq]</c>, RoPE) or 3
    /// (<c>[3, batch, seq]</c>, Qwen2.5-VL's M-RoPE: temporal, height and width positions; an image's tokens take their
    /// place on its merged grid, text takes the same value in all three).
    /// </summary>
    [JsonPropertyName("position_streams")]
    public int PositionStreams { get; set; } = 1;

    /// <summary>Gets or sets the MLP width (for cost estimates).</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; set; }
}
