using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>One ONNX graph of a package: its file and the names of its inputs and outputs, by role.</summary>
public sealed class GraphManifest
{
    /// <summary>Gets or sets the ONNX file, relative to the package folder.</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the input names by role. Decoder roles: <c>inputs_embeds</c>, <c>attention_mask</c>,
    /// <c>position_ids</c>, <c>past_key</c>, <c>past_value</c> (the last two are patterns with <c>{0}</c> for the layer).
    /// Vision: <c>pixel_values</c>. Projector: <c>features</c>. Embedding: <c>input_ids</c>.
    /// </summary>
    [JsonPropertyName("inputs")]
    public Dictionary<string, string> Inputs { get; set; } = new();

    /// <summary>
    /// Gets or sets the output names by role. Decoder: <c>logits</c>, <c>present_key</c>, <c>present_value</c>.
    /// Vision: <c>features</c> and <c>cls_attention.{layer}</c> for each [CLS] attention layer. Projector:
    /// <c>image_features</c>. Embedding: <c>inputs_embeds</c>.
    /// </summary>
    [JsonPropertyName("outputs")]
    public Dictionary<string, string> Outputs { get; set; } = new();
}
