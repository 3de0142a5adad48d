using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// Reads from the pixels whether a line of OCR text sits on a control: on a filled shape whose colour differs from the
/// page's background (a button), or inside an outline drawn close around it (a bordered button). OCR alone cannot tell
/// the heading "Sign in" from the button "Sign in"; when the instruction names a button, this breaks such ties.
/// </summary>
internal static class ControlLikeness
{
    private const int RingGap = 3;
    private const int OutlineReach = 16;
    private const double MinContrast = 40;
    private const double Bonus = 0.2;
    private const double TieWindow = 0.15;

    /// <summary>
    /// When the instruction names a button, raises candidates within <see cref="TieWindow"/> of the best by up to
    /// <see cref="Bonus"/>, in proportion to how control-like their surroundings look; otherwise returns the list as is.
    /// </summary>
    public static IReadOnlyList<CandidateScore> Prefer(ParsedInstruction instruction, Func<SKBitmap> pixels, IReadOnlyList<CandidateScore> ranked)
    {
        if (ranked.Count < 2 || !instruction.Roles.Contains("button"))
        {
            return ranked;
        }

        var bitmap = pixels();
        var background = DominantColour(bitmap);
        var best = ranked[0].Score;
        return [.. ranked
            .Select(r =>
            {
                if (best - r.Score > TieWindow)
                {
                    return r;
                }

                var likeness = Score(bitmap, r.Candidate.Box, background);
                return likeness <= 0
                    ? r
                    : r with
                    {
                        Score = r.Score + (Bonus * likeness),
                        Reason = string.Create(CultureInfo.InvariantCulture, $"{r.Reason}; sits on a {(likeness >= 1 ? "filled" : "outlined")} control (+{Bonus * likeness:0.00})"),
                    };
            })
            .OrderByDescending(r => r.Score)];
    }

    /// <summary>1 for text on a filled shape unlike the page background, 0.8 for text inside a close outline, else 0.</summary>
    public static double Score(SKBitmap bitmap, CssRect box, SKColor background)
    {
        var ring = RingSamples(bitmap, box).ToList();
        if (ring.Count < 8)
        {
            return 0;
        }

        var mean = Mean(ring);
        var uniform = ring.Count(c => ColourDistance.Between(c, mean) < MinContrast / 2) >= ring.Count * 0.8;
        if (uniform && ColourDistance.Between(mean, background) >= MinContrast)
        {
            return 1;
        }

        return uniform && HasOutline(bitmap, box, mean) ? 0.8 : 0;
    }

    private static IEnumerable<SKColor> RingSamples(SKBitmap bitmap, CssRect box)
    {
        var left = (int)Math.Floor(box.X) - RingGap;
        var right = (int)Math.Ceiling(box.Right) + RingGap;
        var top = (int)Math.Floor(box.Y) - RingGap;
        var bottom = (int)Math.Ceiling(box.Bottom) + RingGap;
        for (var i = 0; i <= 8; i++)
        {
            var x = left + ((right - left) * i / 8);
            var y = top + ((bottom - top) * i / 8);
            foreach (var (px, py) in new[] { (x, top), (x, bottom), (left, y), (right, y) })
            {
                if (px >= 0 && py >= 0 && px < bitmap.Width && py < bitmap.Height)
                {
                    yield return bitmap.GetPixel(px, py);
                }
            }
        }
    }

    // An outline: walking outward from the ring on all four sides meets a colour unlike the ring's within reach.
    private static bool HasOutline(SKBitmap bitmap, CssRect box, SKColor inside)
    {
        var cx = (int)box.Center.X;
        var cy = (int)box.Center.Y;
        return Edge(bitmap, (int)box.X - RingGap, cy, -1, 0, inside)
            && Edge(bitmap, (int)box.Right + RingGap, cy, 1, 0, inside)
            && Edge(bitmap, cx, (int)box.Y - RingGap, 0, -1, inside)
            && Edge(bitmap, cx, (int)box.Bottom + RingGap, 0, 1, inside);
    }

    private static bool Edge(SKBitmap bitmap, int x, int y, int dx, int dy, SKColor inside)
    {
        for (var step = 0; step < OutlineReach; step++, x += dx, y += dy)
        {
            if (x < 0 || y < 0 || x >= bitmap.Width || y >= bitmap.Height)
            {
                return false;
            }

            if (ColourDistance.Between(bitmap.GetPixel(x, y), inside) >= MinContrast)
            {
                return true;
            }
        }

        return false;
    }

    // The most frequent colour on a coarse grid, quantised to 16 levels per channel.
    private static SKColor DominantColour(SKBitmap bitmap)
    {
        var counts = new Dictionary<int, (int Count, SKColor Colour)>();
        for (var y = 0; y < bitmap.Height; y += 8)
        {
            for (var x = 0; x < bitmap.Width; x += 8)
            {
                var c = bitmap.GetPixel(x, y);
                var key = ((c.Red >> 4) << 8) | ((c.Green >> 4) << 4) | (c.Blue >> 4);
                counts[key] = counts.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Colour) : (1, c);
            }
        }

        return counts.Count == 0 ? SKColors.White : counts.Values.MaxBy(v => v.Count).Colour;
    }

    private static SKColor Mean(List<SKColor> colours) =>
        new((byte)colours.Average(c => c.Red), (byte)colours.Average(c => c.Green), (byte)colours.Average(c => c.Blue));
}
