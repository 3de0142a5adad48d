using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>The vision tower as the runtime sees it.</summary>
public sealed class VisionManifest
{
    /// <summary>Gets or sets the input image side in pixels; 0 for dynamic-resolution packages (each image keeps its own size).</summary>
    [JsonPropertyName("image_size")]
    public int ImageSize { get; set; }

    /// <summary>Gets or sets the patch side in pixels.</summary>
    [JsonPropertyName("patch_size")]
    public int PatchSize { get; set; }

    /// <summary>Gets or sets the patch grid height.</summary>
    [JsonPropertyName("grid_height")]
    public int GridHeight { get; set; }

    /// <summary>Gets or sets the patch grid width.</summary>
    [JsonPropertyName("grid_width")]
    public int GridWidth { get; set; }

    /// <summary>Gets or sets the visual tokens one image yields before selection; for dynamic-resolution packages, the most an image can yield (at <c>max_pixels</c>).</summary>
    [JsonPropertyName("visual_tokens_per_image")]
    public int VisualTokensPerImage { get; set; }

    /// <summary>Gets or sets the width of the vision features (before the projector).</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; set; }

    /// <summary>Gets or sets the number of encoder layers the vision graph runs.</summary>
    [JsonPropertyName("num_layers")]
    public int NumLayers { get; set; }

    /// <summary>Gets or sets the attention heads per encoder layer.</summary>
    [JsonPropertyName("num_heads")]
    public int NumHeads { get; set; }

    /// <summary>Gets or sets the 0-based encoder layer whose output are the features.</summary>
    [JsonPropertyName("feature_layer")]
    public int FeatureLayer { get; set; }

    /// <summary>Gets or sets the 0-based encoder layers whose head-mean [CLS] attention row the vision graph outputs.</summary>
    [JsonPropertyName("cls_attention_layers")]
    public List<int> ClsAttentionLayers { get; set; } = new();

    /// <summary>Gets or sets the side of the patch block merged into one token (Qwen2.5-VL: 2); 1 (default) for none.</summary>
    [JsonPropertyName("merge_size")]
    public int MergeSize { get; set; } = 1;

    /// <summary>Gets or sets the frames per temporal patch (Qwen2.5-VL: 2, an image is repeated into both); 1 (default) for none.</summary>
    [JsonPropertyName("temporal_patch_size")]
    public int TemporalPatchSize { get; set; } = 1;

    /// <summary>Gets or sets the attention window side in pixels for window attention (Qwen2.5-VL: 112), or 0 (default) for none.</summary>
    [JsonPropertyName("window_size")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int WindowSize { get; set; }

    /// <summary>Gets or sets whether the vision graph's features are already projected to the text width (no projector graph).</summary>
    [JsonPropertyName("features_projected")]
    public bool FeaturesProjected { get; set; }
}
