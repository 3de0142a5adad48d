using System.Collections.Generic;

namespace LocalModel.Builder;

/// <summary>Options for <see cref="LlavaPackageBuilder"/>.</summary>
public sealed class PackageBuildOptions
{
    /// <summary>Gets or sets the weight storage type: <c>fp32</c> (default) or <c>fp16</c> (half the disk size; computed in fp32).</summary>
    public string DType { get; set; } = "fp32";

    /// <summary>
    /// Gets or sets the 0-based vision encoder layers whose head-mean [CLS] attention row the vision graph outputs.
    /// Default: empty, meaning the feature layer only (what FasterVLM scores with).
    /// </summary>
    public IList<int> ClsAttentionLayers { get; set; } = new List<int>();

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
