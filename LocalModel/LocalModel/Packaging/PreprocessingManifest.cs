using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace LocalModel.Packaging;

/// <summary>Image preprocessing, CLIPImageProcessor semantics.</summary>
public sealed class PreprocessingManifest
{
    /// <summary>The <see cref="Mode"/> of dynamic-resolution packages (Qwen2-VL <c>smart_resize</c>).</summary>
    public const string SmartResizeMode = "smart_resize";

    /// <summary>
    /// Gets or sets the resize mode: <c>shortest_edge_center_crop</c> (default), <c>pad_to_square</c> (LLaVA's
    /// expand2square) or <c>smart_resize</c> (Qwen2-VL: each image keeps its aspect ratio, resized to multiples of
    /// <see cref="ResizeFactor"/> with an area between <see cref="MinPixels"/> and <see cref="MaxPixels"/>).
    /// </summary>
    [JsonPropertyName("mode")]
    public string Mode { get; set; } = "shortest_edge_center_crop";

    /// <summary>Gets or sets the shortest-edge resize target in pixels.</summary>
    [JsonPropertyName("shortest_edge")]
    public int ShortestEdge { get; set; }

    /// <summary>Gets or sets an exact resize height (HF <c>size.height</c>) used instead of the shortest edge, or null.</summary>
    [JsonPropertyName("resize_height")]
    public int? ResizeHeight { get; set; }

    /// <summary>Gets or sets an exact resize width (HF <c>size.width</c>), or null.</summary>
    [JsonPropertyName("resize_width")]
    public int? ResizeWidth { get; set; }

    /// <summary>Gets or sets whether images are resized. Default true.</summary>
    [JsonPropertyName("do_resize")]
    public bool DoResize { get; set; } = true;

    /// <summary>Gets or sets whether images are centre-cropped. Default true.</summary>
    [JsonPropertyName("do_center_crop")]
    public bool DoCenterCrop { get; set; } = true;

    /// <summary>Gets or sets whether pixel values are rescaled. Default true.</summary>
    [JsonPropertyName("do_rescale")]
    public bool DoRescale { get; set; } = true;

    /// <summary>Gets or sets whether pixel values are normalised with mean and std. Default true.</summary>
    [JsonPropertyName("do_normalize")]
    public bool DoNormalize { get; set; } = true;

    /// <summary>Gets or sets the crop height.</summary>
    [JsonPropertyName("crop_height")]
    public int CropHeight { get; set; }

    /// <summary>Gets or sets the crop width.</summary>
    [JsonPropertyName("crop_width")]
    public int CropWidth { get; set; }

    /// <summary>Gets or sets the rescale factor applied to 0..255 pixel values.</summary>
    [JsonPropertyName("rescale_factor")]
    public double RescaleFactor { get; set; } = 1.0 / 255.0;

    /// <summary>Gets or sets the per-channel mean.</summary>
    [JsonPropertyName("image_mean")]
    public List<double> ImageMean { get; set; } = new() { 0.48145466, 0.4578275, 0.40821073 };

    /// <summary>Gets or sets the per-channel standard deviation.</summary>
    [JsonPropertyName("image_std")]
    public List<double> ImageStd { get; set; } = new() { 0.26862954, 0.26130258, 0.27577711 };

    /// <summary>Gets whether images keep their own size (<see cref="SmartResizeMode"/>) instead of one fixed input size.</summary>
    [JsonIgnore]
    public bool IsDynamicResolution => Mode == SmartResizeMode;

    /// <summary>Gets or sets the side both resized dimensions are multiples of in <c>smart_resize</c> mode (patch size times merge size; 28 for Qwen2.5-VL).</summary>
    [JsonPropertyName("resize_factor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ResizeFactor { get; set; }

    /// <summary>Gets or sets the smallest resized area in pixels in <c>smart_resize</c> mode (HF <c>min_pixels</c>, <c>size.shortest_edge</c>).</summary>
    [JsonPropertyName("min_pixels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MinPixels { get; set; }

    /// <summary>Gets or sets the largest resized area in pixels in <c>smart_resize</c> mode (HF <c>max_pixels</c>, <c>size.longest_edge</c>).</summary>
    [JsonPropertyName("max_pixels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MaxPixels { get; set; }

    /// <summary>Gets or sets the resampler: <c>bicubic</c> (default) or <c>bilinear</c>.</summary>
    [JsonPropertyName("resample")]
    public string Resample { get; set; } = "bicubic";
}
