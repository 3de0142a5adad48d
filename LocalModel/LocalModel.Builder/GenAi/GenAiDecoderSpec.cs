using System.Collections.Generic;

namespace LocalModel.Builder.GenAi;

/// <summary>
/// The dimensions, special tokens and file of a decoder-only ONNX graph, everything
/// <see cref="GenAiConfigWriter"/> needs to describe it to ONNX Runtime GenAI.
/// </summary>
/// <remarks>Instances are immutable (as long as the caller does not mutate <paramref name="EosTokenIds"/>) and thread-safe.</remarks>
/// <param name="NumHiddenLayers">Number of decoder layers (KV-cache pairs); must be positive.</param>
/// <param name="NumAttentionHeads">Number of query heads; must be a positive multiple of <paramref name="NumKeyValueHeads"/>.</param>
/// <param name="NumKeyValueHeads">Number of key/value heads (grouped-query attention); must be positive.</param>
/// <param name="HeadSize">Size of one attention head; must be positive.</param>
/// <param name="HiddenSize">Model width; must be positive.</param>
/// <param name="VocabSize">Size of the logits' last dimension; must be positive.</param>
/// <param name="ContextLength">Maximum total sequence length the model supports; must be positive.</param>
/// <param name="BosTokenId">Beginning-of-sequence token id, in <c>[0, VocabSize)</c>.</param>
/// <param name="EosTokenIds">One or more end-of-sequence token ids, each in <c>[0, VocabSize)</c>; the first is the primary one.</param>
/// <param name="PadTokenId">Padding token id, in <c>[0, VocabSize)</c>. GenAI treats trailing pad ids of a prompt as padding, so pick an id that never ends a prompt.</param>
/// <param name="DecoderFileName">File name of the decoder graph, relative to the folder that holds <c>genai_config.json</c>.</param>
public sealed record GenAiDecoderSpec(
    int NumHiddenLayers,
    int NumAttentionHeads,
    int NumKeyValueHeads,
    int HeadSize,
    int HiddenSize,
    int VocabSize,
    int ContextLength,
    int BosTokenId,
    IReadOnlyList<int> EosTokenIds,
    int PadTokenId,
    string DecoderFileName)
{
    /// <summary>Gets the GenAI model type. Default <c>llama</c>, the plain decoder-only type.</summary>
    public string ModelType { get; init; } = "llama";

    /// <summary>Gets the graph's input and output names. Default <see cref="GenAiDecoderIoNames.Default"/>.</summary>
    public GenAiDecoderIoNames IoNames { get; init; } = GenAiDecoderIoNames.Default;

    /// <summary>
    /// Gets the intra-op thread count written into the decoder's session options, or <see langword="null"/>
    /// (the default) to leave it to ONNX Runtime (one thread per physical core).
    /// </summary>
    public int? IntraOpNumThreads { get; init; }

    /// <summary>
    /// Gets the default <c>search.max_length</c> (prompt plus generated tokens), or <see langword="null"/>
    /// (the default) to use <see cref="ContextLength"/>.
    /// </summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// Gets whether GenAI binds one <c>[batch, kv_heads, max_length, head]</c> cache buffer as both past and present
    /// (<c>search.past_present_share_buffer</c>); only a GroupQueryAttention decoder supports it. Default false.
    /// </summary>
    public bool PastPresentShareBuffer { get; init; }
}
