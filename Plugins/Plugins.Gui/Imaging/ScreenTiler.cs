using System;
using System.Collections.Generic;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>
/// Ferret-UI's "any resolution" split: a tall screen (portrait) is cut into horizontal bands (top and bottom halves),
/// a wide one (landscape) into vertical bands (left and right halves), once its aspect ratio reaches
/// <see cref="ScreenTilerOptions.AspectRatioThreshold"/>. Very long screens get more bands, so each is about the
/// threshold's shape, up to <see cref="ScreenTilerOptions.MaxTiles"/>. Neighbouring tiles overlap by
/// <see cref="ScreenTilerOptions.Overlap"/>. Each tile is a <see cref="ScaledImage"/> at scale 1 whose
/// <see cref="ScaledImage.Region"/> is its offset, so <see cref="ScaledImage.ToCss(double, double)"/> maps tile points back.
/// </summary>
/// <remarks>Thread-safe once constructed.</remarks>
public sealed class ScreenTiler
{
    private readonly ScreenTilerOptions _options;

    /// <summary>Creates a tiler.</summary>
    /// <param name="options">When and how to split; defaults when null. Validated here.</param>
    public ScreenTiler(ScreenTilerOptions? options = null)
    {
        _options = options ?? new ScreenTilerOptions();
        _options.Validate();
    }

    /// <summary>The tile regions for a <paramref name="width"/> x <paramref name="height"/> screen, in CSS pixels; one region (the whole screen) when it is not tall or wide enough.</summary>
    /// <param name="width">Screen width in pixels; positive.</param>
    /// <param name="height">Screen height in pixels; positive.</param>
    public IReadOnlyList<CssRect> Plan(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var tall = height >= width;
        var longSide = tall ? height : width;
        var shortSide = tall ? width : height;
        var ratio = (double)longSide / shortSide;
        if (ratio < _options.AspectRatioThreshold)
        {
            return [new CssRect(0, 0, width, height)];
        }

        var count = Math.Clamp((int)Math.Ceiling(ratio / _options.AspectRatioThreshold), 2, _options.MaxTiles);

        // count tiles of length L overlapping by o*L cover the side: L * (count - (count - 1) * o) = longSide.
        var length = longSide / (count - ((count - 1) * _options.Overlap));
        var step = length * (1 - _options.Overlap);
        var tiles = new List<CssRect>(count);
        for (var i = 0; i < count; i++)
        {
            var start = (int)Math.Floor(i * step);
            var end = i == count - 1 ? longSide : Math.Min(longSide, (int)Math.Ceiling((i * step) + length));
            tiles.Add(tall ? new CssRect(0, start, width, end - start) : new CssRect(start, 0, end - start, height));
        }

        return tiles;
    }

    /// <summary>Splits <paramref name="screenshot"/> into tiles (or returns it whole, without re-encoding, when it is not tall or wide).</summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    public IReadOnlyList<ScaledImage> Split(PageScreenshot screenshot)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        var plan = Plan(screenshot.Width, screenshot.Height);
        if (plan.Count == 1)
        {
            return [ScaledImage.Whole(screenshot)];
        }

        using var source = ImageCodec.Decode(screenshot);
        var tiles = new List<ScaledImage>(plan.Count);
        foreach (var region in plan)
        {
            var rect = new SKRectI((int)region.X, (int)region.Y, (int)region.Right, (int)region.Bottom);
            using var tile = ImageCodec.Crop(source, rect);
            tiles.Add(ScaledImage.FromBitmap(tile, region));
        }

        return tiles;
    }
}
