using System;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>
/// An image made from (a region of) a CSS-scale screenshot for a model or for OCR, with the factor kept so that a
/// point in the image maps back to viewport CSS pixels: <c>css = Region.origin + image / Scale</c>.
/// </summary>
/// <remarks>Immutable and thread-safe. The PNG is encoded once, when the image is made.</remarks>
public sealed class ScaledImage
{
    private ScaledImage(PageScreenshot image, CssRect region)
    {
        Image = image;
        Region = region;
    }

    /// <summary>The resized image (its pixels are image pixels, not CSS pixels unless the scale is 1).</summary>
    public PageScreenshot Image { get; }

    /// <summary>The part of the screenshot the image shows, in viewport CSS pixels.</summary>
    public CssRect Region { get; }

    /// <summary>Image pixels per CSS pixel horizontally.</summary>
    public double ScaleX => Image.Width / Region.Width;

    /// <summary>Image pixels per CSS pixel vertically.</summary>
    public double ScaleY => Image.Height / Region.Height;

    /// <summary>Maps an image point back to viewport CSS pixels.</summary>
    /// <param name="x">Image x in pixels.</param>
    /// <param name="y">Image y in pixels.</param>
    public CssPoint ToCss(double x, double y) => new(Region.X + (x / ScaleX), Region.Y + (y / ScaleY));

    /// <summary>Maps an image box (left, top, right, bottom in image pixels) back to viewport CSS pixels.</summary>
    /// <param name="left">Left edge in image pixels.</param>
    /// <param name="top">Top edge in image pixels.</param>
    /// <param name="right">Right edge in image pixels.</param>
    /// <param name="bottom">Bottom edge in image pixels.</param>
    public CssRect ToCss(double left, double top, double right, double bottom)
    {
        var a = ToCss(left, top);
        var b = ToCss(right, bottom);
        return CssRect.FromCorners(a.X, a.Y, b.X, b.Y);
    }

    /// <summary>Maps a viewport CSS point into image pixels (the inverse of <see cref="ToCss(double, double)"/>).</summary>
    /// <param name="point">A point in viewport CSS pixels.</param>
    public (double X, double Y) FromCss(CssPoint point) => ((point.X - Region.X) * ScaleX, (point.Y - Region.Y) * ScaleY);

    /// <summary>
    /// Resizes <paramref name="screenshot"/> so that its longest side is <paramref name="longestSide"/> pixels, keeping the
    /// aspect ratio. With <paramref name="allowUpscale"/> false (the default) a smaller image is kept as is.
    /// </summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    /// <param name="longestSide">The target length of the longest side, in pixels; at least 16.</param>
    /// <param name="allowUpscale">Whether a smaller image is enlarged to the target.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="longestSide"/> is under 16.</exception>
    public static ScaledImage FitLongestSide(PageScreenshot screenshot, int longestSide, bool allowUpscale = false)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestSide, 16);
        var longest = Math.Max(screenshot.Width, screenshot.Height);
        if (longest == longestSide || (longest < longestSide && !allowUpscale))
        {
            return Whole(screenshot);
        }

        var factor = (double)longestSide / longest;
        var width = Math.Max(1, (int)Math.Round(screenshot.Width * factor));
        var height = Math.Max(1, (int)Math.Round(screenshot.Height * factor));
        return Resize(screenshot, width, height);
    }

    /// <summary>Resizes <paramref name="screenshot"/> to exactly <paramref name="width"/> x <paramref name="height"/> pixels (the aspect ratio may change; each axis keeps its own factor).</summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    /// <param name="width">Target width in pixels; positive.</param>
    /// <param name="height">Target height in pixels; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static ScaledImage Resize(PageScreenshot screenshot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var region = new CssRect(0, 0, screenshot.Width, screenshot.Height);
        if (width == screenshot.Width && height == screenshot.Height)
        {
            return Whole(screenshot);
        }

        using var source = ImageCodec.Decode(screenshot);
        using var resized = ImageCodec.Resize(source, width, height);
        return new ScaledImage(ImageCodec.ToScreenshot(resized), region);
    }

    /// <summary>The whole screenshot at scale 1 (no re-encoding).</summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    public static ScaledImage Whole(PageScreenshot screenshot)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        return new ScaledImage(screenshot, new CssRect(0, 0, screenshot.Width, screenshot.Height));
    }

    /// <summary>Wraps an already made image of <paramref name="region"/> (used by the cropper and the tiler).</summary>
    internal static ScaledImage FromBitmap(SKBitmap bitmap, CssRect region) => new(ImageCodec.ToScreenshot(bitmap), region);
}
