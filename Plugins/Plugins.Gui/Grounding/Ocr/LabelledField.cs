using System;
using System.Linq;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// OCR reads a form field's label, not the empty box beside it. When the instruction names a field ("the City field",
/// "type in the company box", "enter your email"), this looks in the pixels for the input box the label belongs to:
/// a bordered rectangle just below the label, or just to its right, found by walking out from the label until a border
/// line (a long run of pixels unlike the background) starts and, further on, ends.
/// </summary>
internal static class LabelledField
{
    private const double MinContrast = 48;
    private const int MinBoxWidth = 40;
    private const int MaxGapBelow = 40;
    private const int MaxGapRight = 220;
    private const int MaxBoxHeight = 80;

    /// <summary>Whether <paramref name="instruction"/> asks for a text field or a dropdown rather than a text.</summary>
    public static bool AsksForField(ParsedInstruction instruction) =>
        instruction.Roles.Any(r => r is "textbox" or "combobox") || instruction.ImpliedRole is "textbox" or "combobox";

    /// <summary>The box of the field labelled by <paramref name="label"/>, or null when none is seen below or right of it.</summary>
    public static CssRect? Find(SKBitmap bitmap, CssRect label)
    {
        // Both places are looked at; the nearer box wins (a label in a row has its field to the right, while the
        // next control below it may be anything).
        var below = Below(bitmap, label);
        var right = RightOf(bitmap, label);
        if (below is { } b && right is { } r)
        {
            return r.X - label.Right <= b.Y - label.Bottom ? r : b;
        }

        return below ?? right;
    }

    // A field's inside is the page's background (or white); a filled button is not a field.
    private static bool LooksEmpty(SKBitmap bitmap, CssRect box, SKColor background)
    {
        var x = (int)(box.X + (box.Width / 2));
        var y = (int)box.Y + 3;
        if (x >= bitmap.Width || y >= bitmap.Height)
        {
            return false;
        }

        var inside = bitmap.GetPixel(x, y);
        return ColourDistance.Between(inside, background) < MinContrast || ColourDistance.Between(inside, SKColors.White) < MinContrast;
    }

    private static CssRect? Below(SKBitmap bitmap, CssRect label)
    {
        var x0 = Math.Max(0, (int)label.X - 4);
        var y = (int)Math.Ceiling(label.Bottom) + 1;
        var background = bitmap.GetPixel(Math.Min(bitmap.Width - 1, x0), Math.Min(bitmap.Height - 1, y));
        for (var top = y; top < Math.Min(bitmap.Height, y + MaxGapBelow); top++)
        {
            var run = HorizontalRun(bitmap, x0, top, background);
            if (run.Width < MinBoxWidth)
            {
                continue;
            }

            for (var bottom = top + 12; bottom < Math.Min(bitmap.Height, top + MaxBoxHeight); bottom++)
            {
                var end = HorizontalRun(bitmap, run.Start, bottom, background);
                if (end.Width >= run.Width * 0.8 && ColourDistance.Between(bitmap.GetPixel(run.Start + (run.Width / 2), bottom + 2 < bitmap.Height ? bottom + 2 : bottom), background) < MinContrast)
                {
                    var box = new CssRect(run.Start, top, run.Width, bottom - top);
                    return LooksEmpty(bitmap, box, background) ? box : null;
                }
            }

            return null;
        }

        return null;
    }

    private static CssRect? RightOf(SKBitmap bitmap, CssRect label)
    {
        var cy = (int)label.Center.Y;
        var x = (int)Math.Ceiling(label.Right) + 2;
        if (cy < 0 || cy >= bitmap.Height || x >= bitmap.Width)
        {
            return null;
        }

        var background = bitmap.GetPixel(x, cy);
        for (var left = x; left < Math.Min(bitmap.Width, x + MaxGapRight); left++)
        {
            if (ColourDistance.Between(bitmap.GetPixel(left, cy), background) < MinContrast)
            {
                continue;
            }

            // A border column: walk up and down it to the box's top and bottom, then along the top to its right end.
            var top = cy;
            while (top > 0 && cy - top < MaxBoxHeight && ColourDistance.Between(bitmap.GetPixel(left, top - 1), background) >= MinContrast)
            {
                top--;
            }

            var bottom = cy;
            while (bottom < bitmap.Height - 1 && bottom - cy < MaxBoxHeight && ColourDistance.Between(bitmap.GetPixel(left, bottom + 1), background) >= MinContrast)
            {
                bottom++;
            }

            var run = HorizontalRun(bitmap, left, top, background);
            var box = new CssRect(left, top, run.Width, bottom - top);
            return bottom - top >= 12 && run.Width >= MinBoxWidth && LooksEmpty(bitmap, box, background) ? box : null;
        }

        return null;
    }

    // The run of pixels unlike the background that starts within a few pixels of x on row y.
    private static (int Start, int Width) HorizontalRun(SKBitmap bitmap, int x, int y, SKColor background)
    {
        var start = -1;
        for (var probe = x; probe < Math.Min(bitmap.Width, x + 12); probe++)
        {
            if (ColourDistance.Between(bitmap.GetPixel(probe, y), background) >= MinContrast)
            {
                start = probe;
                break;
            }
        }

        if (start < 0)
        {
            return (x, 0);
        }

        var end = start;
        while (end + 1 < bitmap.Width && ColourDistance.Between(bitmap.GetPixel(end + 1, y), background) >= MinContrast)
        {
            end++;
        }

        return (start, end - start + 1);
    }
}
