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

    /// <summary>Gets or sets whether an existing non-empty output folder may be overwritten. Default false.</summary>
    public bool Overwrite { get; set; }
}
