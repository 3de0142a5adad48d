using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>How a package's weights were quantized (absent for fp32 and fp16 packages).</summary>
public sealed class QuantizationManifest
{
    /// <summary>Gets or sets the method: <c>rtn-asymmetric-blockwise</c> (round-to-nearest, a scale and zero point per block).</summary>
    [JsonPropertyName("method")]
    public string Method { get; set; } = string.Empty;

    /// <summary>Gets or sets the operator the quantized layers run as (<c>com.microsoft.MatMulNBits</c>).</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = string.Empty;

    /// <summary>Gets or sets the bits per weight (4 or 8).</summary>
    [JsonPropertyName("bits")]
    public int Bits { get; set; }

    /// <summary>Gets or sets the input features that share one scale and zero point.</summary>
    [JsonPropertyName("block_size")]
    public int BlockSize { get; set; }

    /// <summary>Gets or sets <c>MatMulNBits</c>' <c>accuracy_level</c> (4: int8 activations on CPU; 1: fp32 compute).</summary>
    [JsonPropertyName("accuracy_level")]
    public int AccuracyLevel { get; set; }

    /// <summary>Gets or sets the graph roles whose linear layers are quantized.</summary>
    [JsonPropertyName("graphs")]
    public List<string> Graphs { get; set; } = new();

    /// <summary>Gets or sets which layers keep <see cref="UnquantizedDType"/>: the embedding, the LM head, the norms, the vision encoder.</summary>
    [JsonPropertyName("unquantized")]
    public List<string> Unquantized { get; set; } = new();

    /// <summary>Gets or sets the storage type of everything not quantized (<c>fp32</c> or <c>fp16</c>).</summary>
    [JsonPropertyName("unquantized_dtype")]
    public string UnquantizedDType { get; set; } = "fp32";
}
