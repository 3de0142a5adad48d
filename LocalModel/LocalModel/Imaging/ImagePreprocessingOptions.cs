using System;
using System.Collections.Generic;
using System.IO;

namespace LocalModel.Imaging;

/// <summary>
/// How an RGB image becomes the vision encoder's <c>pixel_values</c>: HuggingFace
/// <c>CLIPImageProcessor</c> semantics (resize, centre crop, rescale, normalise) plus LLaVA's
/// pad-to-square mode. Immutable; derive variants with <c>with { ... }</c>. The defaults are
/// LLaVA-1.5's CLIP ViT-L/14-336 settings. <see cref="Validate"/> checks every field;
/// <see cref="ClipImagePreprocessor"/> calls it.
/// </summary>
public sealed record ImagePreprocessingOptions
{
    /// <summary>Largest accepted size or crop side, in pixels (16384).</summary>
    public const int MaxSide = 16384;

    /// <summary>Gets OpenAI CLIP's per-channel mean: [0.48145466, 0.4578275, 0.40821073].</summary>
    public static IReadOnlyList<double> ClipMean { get; } = Array.AsReadOnly(new[] { 0.48145466, 0.4578275, 0.40821073 });

    /// <summary>Gets OpenAI CLIP's per-channel standard deviation: [0.26862954, 0.26130258, 0.27577711].</summary>
    public static IReadOnlyList<double> ClipStd { get; } = Array.AsReadOnly(new[] { 0.26862954, 0.26130258, 0.27577711 });

    /// <summary>Gets how the aspect ratio is handled. Default <see cref="ImageResizeMode.ShortestEdgeThenCenterCrop"/>.</summary>
    public ImageResizeMode ResizeMode { get; init; } = ImageResizeMode.ShortestEdgeThenCenterCrop;

    /// <summary>Gets a value indicating whether images are resized (<c>do_resize</c>). Default true.</summary>
    public bool DoResize { get; init; } = true;

    /// <summary>Gets the target of the shortest edge (<c>size.shortest_edge</c>); the long edge
    /// becomes <c>int(ShortestEdge * long / short)</c>, truncated as transformers does.
    /// Used when <see cref="ResizeHeight"/> and <see cref="ResizeWidth"/> are null. Default 336.</summary>
    public int ShortestEdge { get; init; } = 336;

    /// <summary>Gets the exact resize height (<c>size.height</c>), ignoring the aspect ratio;
    /// set together with <see cref="ResizeWidth"/>. Default null (shortest-edge resize).</summary>
    public int? ResizeHeight { get; init; }

    /// <summary>Gets the exact resize width (<c>size.width</c>); set together with
    /// <see cref="ResizeHeight"/>. Default null (shortest-edge resize).</summary>
    public int? ResizeWidth { get; init; }

    /// <summary>Gets a value indicating whether the resized image is centre-cropped
    /// (<c>do_center_crop</c>). Default true.</summary>
    public bool DoCenterCrop { get; init; } = true;

    /// <summary>Gets the crop height, i.e. the model's input height (<c>crop_size.height</c>). Default 336.</summary>
    public int CropHeight { get; init; } = 336;

    /// <summary>Gets the crop width, i.e. the model's input width (<c>crop_size.width</c>). Default 336.</summary>
    public int CropWidth { get; init; } = 336;

    /// <summary>Gets a value indicating whether 8-bit values are multiplied by
    /// <see cref="RescaleFactor"/> (<c>do_rescale</c>). Default true.</summary>
    public bool DoRescale { get; init; } = true;

    /// <summary>Gets the rescale factor (<c>rescale_factor</c>). Default 1/255.</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    /// <summary>Gets a value indicating whether <c>(x - mean) / std</c> is applied
    /// (<c>do_normalize</c>). Default true.</summary>
    public bool DoNormalize { get; init; } = true;

    /// <summary>Gets the per-channel (R, G, B) mean (<c>image_mean</c>); also the pad colour
    /// source in <see cref="ImageResizeMode.PadToSquareThenResize"/>. Default <see cref="ClipMean"/>.</summary>
    public IReadOnlyList<double> ImageMean { get; init; } = ClipMean;

    /// <summary>Gets the per-channel (R, G, B) standard deviation (<c>image_std</c>). Default <see cref="ClipStd"/>.</summary>
    public IReadOnlyList<double> ImageStd { get; init; } = ClipStd;

    /// <summary>Gets the resampling filter (<c>resample</c>). Default <see cref="ImageResampler.Bicubic"/>.</summary>
    public ImageResampler Resampler { get; init; } = ImageResampler.Bicubic;

    /// <summary>
    /// Reads a HuggingFace <c>preprocessor_config.json</c> (CLIPImageProcessor fields:
    /// <c>size</c> as an integer, <c>{shortest_edge}</c> or <c>{height, width}</c>; <c>crop_size</c>
    /// as an integer or <c>{height, width}</c>; <c>do_resize</c>, <c>do_center_crop</c>,
    /// <c>do_rescale</c>, <c>rescale_factor</c>, <c>do_normalize</c>, <c>image_mean</c>,
    /// <c>image_std</c>, <c>resample</c> (2 bilinear, 3 bicubic), <c>do_convert_rgb</c>).
    /// Missing fields take CLIPImageProcessor's own defaults (size and crop 224, bicubic, CLIP
    /// mean/std), as transformers does, not this class's 336 defaults. Other fields are ignored.
    /// <see cref="ResizeMode"/> is not part of that file (LLaVA keeps <c>image_aspect_ratio</c> in
    /// the model config): set it with <c>with { ResizeMode = ... }</c>.
    /// </summary>
    /// <param name="path">Path of the JSON file.</param>
    /// <returns>The validated options.</returns>
    /// <exception cref="InvalidDataException">The file is not JSON or a field is malformed; the
    /// message names the file and the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ImagePreprocessingOptions FromPreprocessorConfig(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = File.ReadAllText(path);
        return PreprocessorConfigReader.Parse(json, Path.GetFileName(path));
    }

    /// <summary>
    /// Parses the text of a <c>preprocessor_config.json</c>; see <see cref="FromPreprocessorConfig"/>.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">Name used in error messages. Default <c>preprocessor_config.json</c>.</param>
    /// <returns>The validated options.</returns>
    /// <exception cref="InvalidDataException">The text is not JSON or a field is malformed.</exception>
    public static ImagePreprocessingOptions FromPreprocessorConfigJson(string json, string sourceName = "preprocessor_config.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        return PreprocessorConfigReader.Parse(json, sourceName);
    }

    /// <summary>Checks every field and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(ResizeMode))
        {
            throw new ArgumentException($"ResizeMode {(int)ResizeMode} is not defined.", nameof(ResizeMode));
        }

        if (!Enum.IsDefined(Resampler))
        {
            throw new ArgumentException($"Resampler {(int)Resampler} is not defined; use Bilinear (2) or Bicubic (3).", nameof(Resampler));
        }

        if (ResizeHeight.HasValue != ResizeWidth.HasValue)
        {
            throw new ArgumentException("ResizeHeight and ResizeWidth must be set together or both be null.", nameof(ResizeHeight));
        }

        if (DoResize)
        {
            if (ResizeHeight.HasValue)
            {
                CheckSide(ResizeHeight.Value, nameof(ResizeHeight));
                CheckSide(ResizeWidth!.Value, nameof(ResizeWidth));
            }
            else
            {
                CheckSide(ShortestEdge, nameof(ShortestEdge));
            }
        }

        if (DoCenterCrop)
        {
            CheckSide(CropHeight, nameof(CropHeight));
            CheckSide(CropWidth, nameof(CropWidth));
        }

        if (DoRescale && (!double.IsFinite(RescaleFactor) || RescaleFactor <= 0))
        {
            throw new ArgumentException($"RescaleFactor must be a positive finite number, got {RescaleFactor}.", nameof(RescaleFactor));
        }

        if (DoNormalize || ResizeMode == ImageResizeMode.PadToSquareThenResize)
        {
            CheckChannels(ImageMean, nameof(ImageMean), requirePositive: false);
        }

        if (DoNormalize)
        {
            CheckChannels(ImageStd, nameof(ImageStd), requirePositive: true);
        }
    }

    private static void CheckSide(int value, string name)
    {
        if (value < 1 || value > MaxSide)
        {
            throw new ArgumentException($"{name} must be between 1 and {MaxSide}, got {value}.", name);
        }
    }

    private static void CheckChannels(IReadOnlyList<double>? values, string name, bool requirePositive)
    {
        if (values is null || values.Count != 3)
        {
            throw new ArgumentException($"{name} must have exactly 3 values (R, G, B), got {values?.Count ?? 0}.", name);
        }

        for (var i = 0; i < 3; i++)
        {
            if (!double.IsFinite(values[i]) || (requirePositive && values[i] <= 0))
            {
                var expected = requirePositive ? "positive finite numbers" : "finite numbers";
                throw new ArgumentException($"{name} values must be {expected}, got {values[i]} at index {i}.", name);
            }
        }
    }
}
