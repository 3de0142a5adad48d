namespace LocalModel.Imaging;

/// <summary>
/// The resampling filter used to resize images. Values are PIL's <c>Image.Resampling</c>
/// numbers, as they appear in a HuggingFace <c>preprocessor_config.json</c> <c>resample</c> field.
/// Both filters reproduce Pillow's <c>Image.resize</c> bit for bit (see
/// <see cref="ClipImagePreprocessor"/>).
/// </summary>
public enum ImageResampler
{
    /// <summary>PIL BILINEAR (2): triangle filter, support 1, widened when downsampling.</summary>
    Bilinear = 2,

    /// <summary>PIL BICUBIC (3), the CLIP default: cubic convolution with a = -0.5, support 2,
    /// widened when downsampling (antialiasing).</summary>
    Bicubic = 3,
}
