using System;
using System.Collections.Generic;
using System.Globalization;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>
/// Set-of-mark prompting: draws each candidate's box on a copy of the screenshot with its id in a filled label tag
/// (white or black text, whichever contrasts with the box's colour). Tags go outside the box (above, below, left,
/// right) when there is room, so they do not cover the box's centre, and avoid the tags already drawn when possible.
/// </summary>
/// <remarks>Thread-safe (stateless). The result has the input's size, so it stays in CSS scale.</remarks>
public static class SetOfMarkRenderer
{
    private static readonly SKColor[] Palette =
    [
        new(230, 25, 75), new(60, 180, 75), new(0, 130, 200), new(245, 130, 48), new(145, 30, 180),
        new(0, 160, 160), new(240, 50, 230), new(128, 128, 0), new(170, 110, 40), new(0, 0, 128),
    ];

    /// <summary>Draws <paramref name="candidates"/> on <paramref name="screenshot"/>, labelled with their ids.</summary>
    /// <param name="screenshot">A CSS-scale screenshot.</param>
    /// <param name="candidates">Candidates with boxes in the screenshot's CSS pixels; empty ones are skipped.</param>
    /// <param name="options">Stroke and label sizes; defaults when null.</param>
    /// <returns>A new screenshot of the same size with the marks drawn.</returns>
    public static PageScreenshot Render(PageScreenshot screenshot, IReadOnlyList<GuiCandidate> candidates, SetOfMarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new SetOfMarkOptions();
        options.Validate();

        using var bitmap = ImageCodec.Decode(screenshot);
        using (var canvas = new SKCanvas(bitmap))
        using (var font = new SKFont(DefaultTypeface.Instance, options.LabelTextSize))
        using (var stroke = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = options.StrokeWidth, IsAntialias = true })
        using (var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true })
        {
            var bounds = new SKRect(0, 0, bitmap.Width, bitmap.Height);
            var placed = new List<SKRect>();
            foreach (var candidate in candidates)
            {
                if (candidate.Box.IsEmpty)
                {
                    continue;
                }

                var color = Palette[Math.Abs(candidate.Id) % Palette.Length];
                var box = new SKRect((float)candidate.Box.X, (float)candidate.Box.Y, (float)candidate.Box.Right, (float)candidate.Box.Bottom);
                stroke.Color = color;
                canvas.DrawRect(box, stroke);

                var label = candidate.Id.ToString(CultureInfo.InvariantCulture);
                var padding = MathF.Max(2, options.LabelTextSize / 6);
                var tagWidth = font.MeasureText(label) + (2 * padding);
                var tagHeight = options.LabelTextSize + (2 * padding);
                var tag = PlaceTag(box, tagWidth, tagHeight, bounds, placed);
                placed.Add(tag);

                fill.Color = color;
                canvas.DrawRect(tag, fill);
                fill.Color = Luminance(color) > 0.55 ? SKColors.Black : SKColors.White;
                var baseline = tag.MidY - ((font.Metrics.Ascent + font.Metrics.Descent) / 2);
                canvas.DrawText(label, tag.Left + padding, baseline, SKTextAlign.Left, font, fill);
            }
        }

        return ImageCodec.ToScreenshot(bitmap);
    }

    /// <summary>
    /// Picks where a label tag goes: the first position in the image that neither covers the box's centre nor overlaps a
    /// placed tag; else the first that does not cover the centre; else the box's top-left corner, clamped into the image.
    /// </summary>
    internal static SKRect PlaceTag(SKRect box, float width, float height, SKRect bounds, IReadOnlyList<SKRect> placed)
    {
        SKRect[] positions =
        [
            SKRect.Create(box.Left, box.Top - height, width, height), // above, left-aligned
            SKRect.Create(box.Left, box.Bottom, width, height), // below, left-aligned
            SKRect.Create(box.Right - width, box.Top - height, width, height), // above, right-aligned
            SKRect.Create(box.Left - width, box.Top, width, height), // left
            SKRect.Create(box.Right, box.Top, width, height), // right
            SKRect.Create(box.Left, box.Top, width, height), // inside, top-left corner
        ];
        var centre = new SKPoint(box.MidX, box.MidY);
        SKRect? fallback = null;
        foreach (var position in positions)
        {
            if (!bounds.Contains(position) || position.Contains(centre))
            {
                continue;
            }

            var free = true;
            foreach (var other in placed)
            {
                if (other.IntersectsWith(position))
                {
                    free = false;
                    break;
                }
            }

            if (free)
            {
                return position;
            }

            fallback ??= position;
        }

        if (fallback is { } found)
        {
            return found;
        }

        var x = Math.Clamp(box.Left, bounds.Left, Math.Max(bounds.Left, bounds.Right - width));
        var y = Math.Clamp(box.Top, bounds.Top, Math.Max(bounds.Top, bounds.Bottom - height));
        return SKRect.Create(x, y, width, height);
    }

    private static double Luminance(SKColor color) => ((0.299 * color.Red) + (0.587 * color.Green) + (0.114 * color.Blue)) / 255;
}
