using System;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>PNG decoding and encoding through SkiaSharp, with the errors the plugin reports for bad images.</summary>
internal static class ImageCodec
{
    /// <summary>Decodes <paramref name="screenshot"/> into an RGBA bitmap the caller disposes.</summary>
    public static SKBitmap Decode(PageScreenshot screenshot)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        return Decode(screenshot.Png.Span, nameof(screenshot));
    }

    /// <summary>Decodes PNG (or any Skia-readable) bytes into an RGBA (premultiplied) bitmap the caller disposes.</summary>
    public static SKBitmap Decode(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException($"The image '{what}' is empty; expected PNG bytes.", what);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ArgumentException($"The image '{what}' ({bytes.Length} bytes) is not a PNG or other image SkiaSharp can read.", what);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new ArgumentException($"The image '{what}' could not be decoded ({result}).", what);
        }

        return bitmap;
    }

    /// <summary>Encodes <paramref name="bitmap"/> as PNG.</summary>
    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Encodes <paramref name="bitmap"/> as a <see cref="PageScreenshot"/> of its size.</summary>
    public static PageScreenshot ToScreenshot(SKBitmap bitmap) => new(EncodePng(bitmap), bitmap.Width, bitmap.Height);

    /// <summary>Resamples <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/> (cubic up, linear with mipmaps down).</summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var sampling = width >= source.Width && height >= source.Height
            ? new SKSamplingOptions(SKCubicResampler.Mitchell)
            : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        if (!source.ScalePixels(target, sampling))
        {
            target.Dispose();
            throw new InvalidOperationException($"SkiaSharp could not resize a {source.Width}x{source.Height} image to {width}x{height}.");
        }

        return target;
    }

    /// <summary>Copies the pixels of <paramref name="region"/> (clipped to the bitmap) into a new bitmap.</summary>
    public static SKBitmap Crop(SKBitmap source, SKRectI region)
    {
        var target = new SKBitmap(new SKImageInfo(region.Width, region.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!source.ExtractSubset(target, region))
        {
            target.Dispose();
            throw new InvalidOperationException($"SkiaSharp could not crop {region} out of a {source.Width}x{source.Height} image.");
        }

        // ExtractSubset shares pixels with the source; copy so the result owns its memory.
        var copy = target.Copy();
        target.Dispose();
        return copy ?? throw new InvalidOperationException($"SkiaSharp could not copy a {region.Width}x{region.Height} crop.");
    }
}
