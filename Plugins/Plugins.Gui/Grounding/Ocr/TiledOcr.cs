using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// OCR of a whole screenshot through <see cref="ScreenTiler"/>: a tall or wide screen is recognised tile by tile (the
/// tiles at once, as far as the engine allows), boxes are moved back by each tile's offset, lines cut by a tile's inner
/// edge are dropped (the overlap holds them whole in the neighbour) and lines seen in two tiles are kept once.
/// </summary>
internal static class TiledOcr
{
    public static async Task<OcrResult> RecognizeAsync(IOcrEngine engine, PageScreenshot screenshot, ScreenTiler tiler, CancellationToken cancellationToken)
    {
        var tiles = tiler.Split(screenshot);
        if (tiles.Count == 1)
        {
            return await engine.RecognizeAsync(screenshot, cancellationToken).ConfigureAwait(false);
        }

        var results = await Task.WhenAll(tiles.Select(t => engine.RecognizeAsync(t.Image, cancellationToken))).ConfigureAwait(false);
        var lines = new List<OcrLine>();
        for (var i = 0; i < tiles.Count; i++)
        {
            var tile = tiles[i];
            foreach (var line in results[i].Lines)
            {
                var moved = Move(line, tile);
                if (TouchesInnerEdge(moved.Box, tile.Region, screenshot) || lines.Any(l => l.Box.IntersectionOverUnion(moved.Box) > 0.5))
                {
                    continue;
                }

                lines.Add(moved);
            }
        }

        lines.Sort((a, b) => a.Box.Y != b.Box.Y ? a.Box.Y.CompareTo(b.Box.Y) : a.Box.X.CompareTo(b.Box.X));
        return new OcrResult([.. lines.SelectMany(l => l.Words)], lines);
    }

    /// <summary>Maps a line recognised in <paramref name="image"/> (a tile or a zoomed crop) to viewport CSS pixels.</summary>
    public static OcrLine Move(OcrLine line, ScaledImage image)
    {
        var words = line.Words.Select(w => w with { Box = Map(w.Box, image) }).ToList();
        return line with { Box = Map(line.Box, image), Words = words };
    }

    private static CssRect Map(CssRect box, ScaledImage image) => image.ToCss(box.X, box.Y, box.Right, box.Bottom);

    private static bool TouchesInnerEdge(CssRect box, CssRect tile, PageScreenshot screenshot)
    {
        const double Margin = 1.5;
        return (tile.X > 0 && box.X <= tile.X + Margin)
            || (tile.Y > 0 && box.Y <= tile.Y + Margin)
            || (tile.Right < screenshot.Width && box.Right >= tile.Right - Margin)
            || (tile.Bottom < screenshot.Height && box.Bottom >= tile.Bottom - Margin);
    }
}
