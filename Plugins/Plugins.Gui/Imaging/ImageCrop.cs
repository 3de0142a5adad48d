using System;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>
/// Crops a region of a screenshot and enlarges it, for the zoomed second pass on small targets (text a few pixels
/// high, small icons). The result keeps its region and factor, so points in the crop map back to viewport CSS pixels.
/// </summary>
public static class ImageCrop
{
    /// <summary>Crops <paramref name="region"/> (clipped to the screenshot) and scales it by <paramref name="scale"/>.</summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    /// <param name="region">The region to keep, in viewport CSS pixels; it is clipped to the image and rounded outwards to whole pixels.</param>
    /// <param name="scale">Image pixels per CSS pixel in the result, from 0.1 to 8 (e.g. 3 for a 3x zoom).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is outside 0.1..8.</exception>
    /// <exception cref="ArgumentException"><paramref name="region"/> does not overlap the screenshot.</exception>
    public static ScaledImage Region(PageScreenshot screenshot, CssRect region, double scale)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 0.1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 8);
        var left = Math.Clamp((int)Math.Floor(region.X), 0, screenshot.Width);
        var top = Math.Clamp((int)Math.Floor(region.Y), 0, screenshot.Height);
        var right = Math.Clamp((int)Math.Ceiling(region.Right), 0, screenshot.Width);
        var bottom = Math.Clamp((int)Math.Ceiling(region.Bottom), 0, screenshot.Height);
        if (right <= left || bottom <= top)
        {
            throw new ArgumentException(
                $"The crop region {region} does not overlap the {screenshot.Width}x{screenshot.Height} screenshot.", nameof(region));
        }

        var clipped = new SKRectI(left, top, right, bottom);
        var cssRegion = new CssRect(left, top, right - left, bottom - top);
        using var source = ImageCodec.Decode(screenshot);
        using var crop = ImageCodec.Crop(source, clipped);
        var width = Math.Max(1, (int)Math.Round(clipped.Width * scale));
        var height = Math.Max(1, (int)Math.Round(clipped.Height * scale));
        if (width == crop.Width && height == crop.Height)
        {
            return ScaledImage.FromBitmap(crop, cssRegion);
        }

        using var scaled = ImageCodec.Resize(crop, width, height);
        return ScaledImage.FromBitmap(scaled, cssRegion);
    }

    /// <summary>
    /// Crops a <paramref name="width"/> x <paramref name="height"/> CSS-pixel window centred on <paramref name="center"/>
    /// (shifted to stay inside the screenshot) and scales it by <paramref name="scale"/>.
    /// </summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    /// <param name="center">The first pass's point, in viewport CSS pixels.</param>
    /// <param name="width">Window width in CSS pixels; positive.</param>
    /// <param name="height">Window height in CSS pixels; positive.</param>
    /// <param name="scale">Image pixels per CSS pixel in the result, from 0.1 to 8.</param>
    public static ScaledImage Around(PageScreenshot screenshot, CssPoint center, double width, double height, double scale)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        width = Math.Min(width, screenshot.Width);
        height = Math.Min(height, screenshot.Height);
        var x = Math.Clamp(center.X - (width / 2), 0, screenshot.Width - width);
        var y = Math.Clamp(center.Y - (height / 2), 0, screenshot.Height - height);
        return Region(screenshot, new CssRect(x, y, width, height), scale);
    }
}
