using System;
using System.Globalization;
using System.Linq;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Parsing;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Agents.Training.Gui;

/// <summary>
/// The target answers of the GUI grounding tasks, in the forms <see cref="GroundingAnswerParser"/> reads: a point
/// <c>(x,y)</c> or box <c>[x1,y1,x2,y2]</c> in the question's coordinates (the 0-999 grid of the image the model sees
/// by default; <see cref="CoordinateFrame"/>), <c>mark N</c>, or <c>none</c>. A grid value is the cell holding the pixel
/// (<see cref="GroundingAnswerParser.PixelToGrid"/>), so the parsed point is within one cell (a thousandth of the image
/// side) of the target's centre; on other scales the value nearest the pixel.
/// </summary>
public static class GuiAnswers
{
    /// <summary>The answer for a target that is not in the image: <c>none</c>.</summary>
    public const string None = "none";

    /// <summary>The smallest intersection over union between a mark's box and the target's box for the mark to be the answer: 0.5.</summary>
    public const double MarkMinOverlap = 0.5;

    /// <summary>The point answer for a CSS point seen through <paramref name="image"/>: <c>(x,y)</c> on its 0-999 grid.</summary>
    /// <param name="image">The model image and its mapping to CSS pixels.</param>
    /// <param name="point">The point in viewport CSS pixels.</param>
    /// <returns>For example <c>(512,300)</c>.</returns>
    public static string Point(ScaledImage image, CssPoint point)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (x, y) = image.FromCss(point);
        return GridPoint(x, y, image.Image.Width, image.Image.Height);
    }

    /// <summary>The vision answer for a tile question: the target's centre as <c>(x,y)</c> in the question's coordinates over the tile image, or <c>none</c> when the centre is outside the tile.</summary>
    /// <param name="query">The tile question (as <see cref="VisionGrounder.ComposeAsync"/> gives it).</param>
    /// <param name="target">The target's box in viewport CSS pixels.</param>
    /// <param name="asBox">Whether to answer the box form <c>[x1,y1,x2,y2]</c> (the box clipped to the tile) instead of the point.</param>
    /// <returns>The answer text.</returns>
    public static string Vision(VisionTileQuery query, CssRect target, bool asBox = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var centre = target.Center;
        if (!query.Tile.Region.Contains(centre))
        {
            return None;
        }

        var frame = query.Coordinates;
        if (!asBox)
        {
            var (x, y) = query.FromCss(centre);
            return FramePoint(frame, x, y);
        }

        var clipped = target.Intersect(query.Tile.Region);
        var (left, top) = query.FromCss(new CssPoint(clipped.X, clipped.Y));
        var (right, bottom) = query.FromCss(new CssPoint(clipped.Right, clipped.Bottom));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{frame.FromPixelX(left)},{frame.FromPixelY(top)},{frame.FromPixelX(right)},{frame.FromPixelY(bottom)}]");
    }

    /// <summary>
    /// The mark that stands for <paramref name="target"/>: among the marks whose box holds the target's centre, the one
    /// with the best intersection over union, when that is at least <see cref="MarkMinOverlap"/>; otherwise null.
    /// </summary>
    /// <param name="query">The hybrid question (as <see cref="HybridGrounder.ComposeAsync"/> gives it).</param>
    /// <param name="target">The target's box in viewport CSS pixels.</param>
    /// <returns>The mark number (1-based), or null.</returns>
    public static int? MatchingMark(HybridQuery query, CssRect target)
    {
        ArgumentNullException.ThrowIfNull(query);
        var centre = target.Center;
        var best = query.Marks
            .Where(m => m.Box.Contains(centre))
            .Select(m => (m.Id, Overlap: m.Box.IntersectionOverUnion(target)))
            .OrderByDescending(m => m.Overlap)
            .ThenBy(m => m.Id)
            .FirstOrDefault();
        return best.Id > 0 && best.Overlap >= MarkMinOverlap ? best.Id : null;
    }

    /// <summary>The hybrid answer: <c>mark N</c> for the <see cref="MatchingMark"/>, else the target's centre as a point in the question's coordinates over the marked image.</summary>
    /// <param name="query">The hybrid question.</param>
    /// <param name="target">The target's box in viewport CSS pixels.</param>
    /// <returns>The answer text.</returns>
    public static string Hybrid(HybridQuery query, CssRect target)
    {
        ArgumentNullException.ThrowIfNull(query);
        return MatchingMark(query, target) is { } mark
            ? string.Create(CultureInfo.InvariantCulture, $"mark {mark}")
            : FramePoint(query.Coordinates, query.Image.FromCss(target.Center));
    }

    private static string FramePoint(CoordinateFrame frame, (double X, double Y) pixel) => FramePoint(frame, pixel.X, pixel.Y);

    private static string FramePoint(CoordinateFrame frame, double x, double y) =>
        string.Create(CultureInfo.InvariantCulture, $"({frame.FromPixelX(x)},{frame.FromPixelY(y)})");

    private static string GridPoint(double x, double y, int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"({GroundingAnswerParser.PixelToGrid(x, width)},{GroundingAnswerParser.PixelToGrid(y, height)})");
}
