using System;
using LocalModel.Packaging;

namespace LocalModel.Imaging;

/// <summary>
/// Turns an <see cref="RgbImage"/> into Qwen2-VL / Qwen2.5-VL vision input, as HuggingFace <c>Qwen2VLImageProcessor</c>
/// (the PIL path) computes it: <see cref="SmartResize"/> to multiples of patch x merge within the pixel bounds,
/// Pillow's resampler (bit-exact), rescale and normalise like <see cref="ClipImagePreprocessor"/>, the image repeated
/// into <c>temporal_patch_size</c> frames, and patches flattened as <c>[C, T, P, P]</c> rows in merge-block order
/// (the <c>merge x merge</c> patches of one merged token consecutive, merged tokens in raster order). Thread-safe.
/// </summary>
public sealed class Qwen2VlImagePreprocessor
{
    private readonly PreprocessingManifest _manifest;
    private readonly int _patch;
    private readonly int _merge;
    private readonly int _temporal;

    /// <summary>Creates a preprocessor from a package's <c>smart_resize</c> preprocessing section and its vision patch sizes.</summary>
    /// <exception cref="ArgumentException">The section is not <c>smart_resize</c>, or a size is invalid.</exception>
    public Qwen2VlImagePreprocessor(PreprocessingManifest preprocessing, int patchSize, int mergeSize, int temporalPatchSize)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        if (!preprocessing.IsDynamicResolution)
        {
            throw new ArgumentException($"preprocessing.mode is '{preprocessing.Mode}'; this preprocessor needs 'smart_resize'.", nameof(preprocessing));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(patchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(mergeSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(temporalPatchSize, 1);
        if (preprocessing.ResizeFactor != patchSize * mergeSize)
        {
            throw new ArgumentException($"preprocessing.resize_factor {preprocessing.ResizeFactor} differs from patch size x merge size ({patchSize * mergeSize}).", nameof(preprocessing));
        }

        _manifest = preprocessing;
        _patch = patchSize;
        _merge = mergeSize;
        _temporal = temporalPatchSize;
        PatchLength = 3 * temporalPatchSize * patchSize * patchSize;
    }

    /// <summary>Gets the length of one flattened patch row (<c>3 * T * P * P</c>).</summary>
    public int PatchLength { get; }

    /// <summary>Returns the resized height and width an image of this size gets.</summary>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="SmartResize.MaxAspectRatio"/>.</exception>
    public (int Height, int Width) ResizedSize(int imageHeight, int imageWidth) =>
        SmartResize.Compute(imageHeight, imageWidth, _manifest.ResizeFactor, _manifest.MinPixels, _manifest.MaxPixels);

    /// <summary>Preprocesses one image.</summary>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="SmartResize.MaxAspectRatio"/>.</exception>
    public Qwen2VlPatches Preprocess(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (height, width) = ResizedSize(image.Height, image.Width);
        var options = new ImagePreprocessingOptions
        {
            DoResize = true,
            ResizeHeight = height,
            ResizeWidth = width,
            DoCenterCrop = false,
            DoRescale = _manifest.DoRescale,
            RescaleFactor = _manifest.RescaleFactor,
            DoNormalize = _manifest.DoNormalize,
            ImageMean = _manifest.ImageMean.ToArray(),
            ImageStd = _manifest.ImageStd.ToArray(),
            Resampler = _manifest.Resample == "bilinear" ? ImageResampler.Bilinear : ImageResampler.Bicubic,
        };
        var chw = new ClipImagePreprocessor(options).Preprocess(image);
        var gridH = height / _patch;
        var gridW = width / _patch;
        var pixels = new float[checked(gridH * gridW * PatchLength)];
        var plane = height * width;
        var row = 0;
        for (var bh = 0; bh < gridH / _merge; bh++)
        {
            for (var bw = 0; bw < gridW / _merge; bw++)
            {
                for (var mh = 0; mh < _merge; mh++)
                {
                    for (var mw = 0; mw < _merge; mw++)
                    {
                        var top = ((bh * _merge) + mh) * _patch;
                        var left = ((bw * _merge) + mw) * _patch;
                        var dst = pixels.AsSpan(row++ * PatchLength, PatchLength);
                        var k = 0;
                        for (var c = 0; c < 3; c++)
                        {
                            for (var t = 0; t < _temporal; t++)
                            {
                                // Every frame is the same image (HF repeats a single image to fill the temporal patch).
                                for (var y = 0; y < _patch; y++)
                                {
                                    chw.AsSpan((c * plane) + ((top + y) * width) + left, _patch).CopyTo(dst.Slice(k, _patch));
                                    k += _patch;
                                }
                            }
                        }
                    }
                }
            }
        }

        return new Qwen2VlPatches(pixels, gridH, gridW, height, width);
    }
}
