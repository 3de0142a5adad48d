using System;
using System.Globalization;

namespace LocalModel.Imaging;

/// <summary>
/// Qwen2-VL's <c>smart_resize</c>: the size an image is resized to before patching, keeping its aspect ratio as far as
/// possible, both sides multiples of <c>factor</c> (patch size times merge size), the area within
/// <c>[minPixels, maxPixels]</c>. Matches HuggingFace <c>Qwen2VLImageProcessor</c>, including Python's round-half-to-even.
/// Thread-safe (pure).
/// </summary>
public static class SmartResize
{
    /// <summary>The largest aspect ratio (long side over short side) the processor accepts.</summary>
    public const double MaxAspectRatio = 200;

    /// <summary>Computes the resized <c>(Height, Width)</c> of a <paramref name="height"/> x <paramref name="width"/> image.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or bound is not positive, or <paramref name="minPixels"/> exceeds <paramref name="maxPixels"/>.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static (int Height, int Width) Compute(int height, int width, int factor, long minPixels, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, minPixels);
        if ((double)Math.Max(height, width) / Math.Min(height, width) > MaxAspectRatio)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"An image of {width}x{height} has an aspect ratio above {MaxAspectRatio}, which Qwen2-VL preprocessing rejects; crop or pad it first."));
        }

        // Python's round() rounds half to even; floor and ceil work on the true quotient.
        var h = (int)Math.Round((double)height / factor, MidpointRounding.ToEven) * factor;
        var w = (int)Math.Round((double)width / factor, MidpointRounding.ToEven) * factor;
        if ((long)h * w > maxPixels)
        {
            var beta = Math.Sqrt((double)height * width / maxPixels);
            h = Math.Max(factor, (int)Math.Floor(height / beta / factor) * factor);
            w = Math.Max(factor, (int)Math.Floor(width / beta / factor) * factor);
        }
        else if ((long)h * w < minPixels)
        {
            var beta = Math.Sqrt(minPixels / ((double)height * width));
            h = (int)Math.Ceiling(height * beta / factor) * factor;
            w = (int)Math.Ceiling(width * beta / factor) * factor;
        }

        return (h, w);
    }
}
