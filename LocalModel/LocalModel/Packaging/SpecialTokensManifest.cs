using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>Special token ids.</summary>
public sealed class SpecialTokensManifest
{
    /// <summary>Gets or sets the beginning-of-sequence id, or -1 when the model has none.</summary>
    [JsonPropertyName("bos")]
    public int Bos { get; set; } = -1;

    /// <summary>Gets or sets the ids that end generation.</summary>
    [JsonPropertyName("eos")]
    public List<int> Eos { get; set; } = new();

    /// <summary>Gets or sets the padding id, or -1.</summary>
    [JsonPropertyName("pad")]
    public int Pad { get; set; } = -1;

    /// <summary>Gets or sets the image placeholder id; each occurrence in a prompt becomes one image's visual tokens.</summary>
    [JsonPropertyName("image")]
    public int Image { get; set; } = -1;

    /// <summary>Gets or sets the image placeholder text (<c>&lt;image&gt;</c>).</summary>
    [JsonPropertyName("image_text")]
    public string ImageText { get; set; } = "<image>";
}
