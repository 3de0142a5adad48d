using System.Collections.Generic;

namespace LocalModel.Builder;

/// <summary>Options for <see cref="LlavaPackageBuilder"/>.</summary>
public sealed class PackageBuildOptions
{
    /// <summary>
    /// Gets or sets the weight type: <c>fp32</c> (default), <c>fp16</c> (half the disk size; computed in fp32), or
    /// <c>int4</c>/<c>int8</c>: the projector's and the decoder's linear layers quantized block-wise as ONNX Runtime's
    /// <c>MatMulNBits</c> (see <see cref="QuantizationBlockSize"/>), everything else stored as <see cref="UnquantizedDType"/>.
    /// </summary>
    public string DType { get; set; } = "fp32";

    /// <summary>Gets or sets the input features sharing one scale and zero point for <c>int4</c>/<c>int8</c>: a power of two from 16 to 256; default 32.</summary>
    public int QuantizationBlockSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets <c>MatMulNBits</c>' <c>accuracy_level</c> for <c>int4</c>/<c>int8</c>: 4 (default) lets the CPU kernel
    /// quantize activations to int8 per block and use integer dot products, the fastest CPU path; 1 computes in fp32.
    /// </summary>
    public int QuantizationAccuracyLevel { get; set; } = 4;

    /// <summary>
    /// Gets or sets the storage type of what <c>int4</c>/<c>int8</c> leave unquantized (the token embedding, the LM head,
    /// the norms and the vision encoder, which matter most for quality): <c>fp32</c> (default) or <c>fp16</c>.
    /// </summary>
    public string UnquantizedDType { get; set; } = "fp32";

    /// <summary>
    /// Gets or sets the 0-based vision encoder layers whose head-mean [CLS] attention row the vision graph outputs.
    /// Default: empty, meaning the feature layer only (what FasterVLM scores with).
    /// </summary>
    public IList<int> ClsAttentionLayers { get; set; } = new List<int>();

    /// <summary>
    /// Gets or sets the decoder flavour: <c>standard</c> (default; standard ONNX operators, runs anywhere) or <c>fused</c>
    /// (ONNX Runtime's <c>GroupQueryAttention</c>, <c>RotaryEmbedding</c> and <c>SkipSimplifiedLayerNormalization</c>
    /// contrib kernels: fewer nodes per step, the cache appended in place). The staged graphs of FastV and PyramidDrop
    /// stay standard in either case, because they need attention probabilities the fused kernel does not output.
    /// </summary>
    public string DecoderFlavour { get; set; } = "standard";

    /// <summary>Gets or sets the package display name; default: the checkpoint folder name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Gets or sets whether to also write <c>genai/model.onnx</c> and <c>genai/genai_config.json</c>: the text decoder
    /// with the embedding inside, as ONNX Runtime GenAI loads it (for side-by-side benchmarks). Default false.
    /// </summary>
    public bool WithGenAiDecoder { get; set; }

    /// <summary>
    /// Gets or sets the decoder layers at which staged decoder graphs split (each boundary b starts a stage at layer b),
    /// used by in-LLM pruning (FastV, PyramidDrop). Empty (default): no staged graphs. The staged graphs hold the
    /// decoder weights a second time on disk. <see cref="AutoStageBoundaries"/> gives the usual choice.
    /// </summary>
    public IList<int> DecoderStageBoundaries { get; set; } = new List<int>();

    /// <summary>Gets or sets whether an existing non-empty output folder may be overwritten. Default false.</summary>
    public bool Overwrite { get; set; }

    /// <summary>
    /// The boundaries FastV (K = 2) and PyramidDrop (quarters of the depth, e.g. 8/16/24 of 32) prune at, for a
    /// decoder of <paramref name="layers"/> layers; boundaries outside 1..layers-1 are dropped.
    /// </summary>
    public static IList<int> AutoStageBoundaries(int layers)
    {
        var set = new SortedSet<int> { 2, layers / 4, layers / 2, 3 * layers / 4 };
        set.RemoveWhere(b => b < 1 || b >= layers);
        return new List<int>(set);
    }
}
