using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>
/// The manifest of a model package (<c>vlm-package.json</c>): which graphs exist and their input/output
/// names, image preprocessing, tokenizer, chat template, special tokens and the model dimensions the
/// runtime relies on. Field names are snake_case in JSON. See <c>LocalModel/README.md</c> for the format.
/// </summary>
public sealed class ModelManifest
{
    /// <summary>The manifest file name inside a package folder.</summary>
    public const string FileName = "vlm-package.json";

    /// <summary>The format version this runtime reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary><see cref="Coordinates"/>: integers on a 0-999 grid over the image, whatever its size (LLaVA-style grounding).</summary>
    public const string CoordinatesGrid999 = "grid-999";

    /// <summary><see cref="Coordinates"/>: 0-1000 relative to the image's width and height.</summary>
    public const string CoordinatesRelative1000 = "relative-1000";

    /// <summary><see cref="Coordinates"/>: absolute pixels of the image as the model's preprocessing resized it (Qwen2.5-VL).</summary>
    public const string CoordinatesAbsoluteResized = "absolute-resized";

    /// <summary>Gets or sets the format version (must be 1).</summary>
    [JsonPropertyName("format_version")]
    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary>Gets or sets the architecture family (<c>llava</c>).</summary>
    [JsonPropertyName("family")]
    public string Family { get; set; } = "llava";

    /// <summary>Gets or sets a display name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the weight storage type: <c>fp32</c>, <c>fp16</c>, or <c>int4</c>/<c>int8</c> (then <see cref="Quantization"/> says how).</summary>
    [JsonPropertyName("dtype")]
    public string DType { get; set; } = "fp32";

    /// <summary>Gets or sets how the weights were quantized; null for fp32 and fp16 packages.</summary>
    [JsonPropertyName("quantization")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QuantizationManifest? Quantization { get; set; }

    /// <summary>Gets or sets the graphs, by role: <c>vision_encoder</c>, <c>projector</c> (optional), <c>embed_tokens</c>, <c>decoder</c>.</summary>
    [JsonPropertyName("graphs")]
    public Dictionary<string, GraphManifest> Graphs { get; set; } = new();

    /// <summary>Gets or sets the vision tower description.</summary>
    [JsonPropertyName("vision")]
    public VisionManifest Vision { get; set; } = new();

    /// <summary>Gets or sets the image preprocessing.</summary>
    [JsonPropertyName("preprocessing")]
    public PreprocessingManifest Preprocessing { get; set; } = new();

    /// <summary>Gets or sets the language model description.</summary>
    [JsonPropertyName("text")]
    public TextManifest Text { get; set; } = new();

    /// <summary>Gets or sets the tokenizer description.</summary>
    [JsonPropertyName("tokenizer")]
    public TokenizerManifest Tokenizer { get; set; } = new();

    /// <summary>Gets the values <see cref="Coordinates"/> may take.</summary>
    public static IReadOnlyList<string> CoordinateConventions { get; } = [CoordinatesGrid999, CoordinatesRelative1000, CoordinatesAbsoluteResized];

    /// <summary>Gets or sets the chat template name (<c>llava-v1</c>, <c>chatml</c>, <c>qwen2.5-vl</c>).</summary>
    [JsonPropertyName("chat_template")]
    public string ChatTemplate { get; set; } = "llava-v1";

    /// <summary>
    /// Gets or sets how the model writes image coordinates when it points at something (grounding):
    /// <see cref="CoordinatesGrid999"/> (<c>grid-999</c>, the default), <see cref="CoordinatesRelative1000"/>
    /// (<c>relative-1000</c>) or <see cref="CoordinatesAbsoluteResized"/> (<c>absolute-resized</c>, which needs
    /// <c>preprocessing.mode</c> <c>smart_resize</c>). Consumers such as the GUI plugin's vision grounder map answers
    /// back to the image with it.
    /// </summary>
    [JsonPropertyName("coordinates")]
    public string Coordinates { get; set; } = CoordinatesGrid999;

    /// <summary>Gets or sets the special tokens.</summary>
    [JsonPropertyName("special_tokens")]
    public SpecialTokensManifest SpecialTokens { get; set; } = new();

    /// <summary>Gets or sets free-form provenance (source checkpoint, builder version).</summary>
    [JsonPropertyName("source")]
    public Dictionary<string, string> Source { get; set; } = new();
}
