using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Vision;

/// <summary>
/// One question <see cref="VisionGrounder"/> sends its model: the messages and options exactly as sent, and the geometry
/// to read the answer back: <see cref="Tile"/> maps the tile's pixels to viewport CSS pixels, <see cref="Image"/> maps
/// the model image's pixels (the image in <see cref="Messages"/>) to the tile's pixels, <see cref="Coordinates"/> maps
/// the model's numbers to the model image's pixels.
/// </summary>
/// <param name="Messages">The messages: one user message with the prompt text and the model image as <c>image/png</c>.</param>
/// <param name="Options">The chat options (a copy of the request's, with temperature and output length filled in).</param>
/// <param name="Tile">The tile (or the whole screen) cut from the screenshot, in CSS pixels.</param>
/// <param name="Image">The model image made from <see cref="Tile"/>'s image (its <see cref="ScaledImage.Region"/> is in tile pixels).</param>
/// <param name="Coordinates">The model's coordinate frame over the model image (<see cref="VisionGrounderOptions.Coordinates"/>).</param>
public sealed record VisionTileQuery(IReadOnlyList<ChatMessage> Messages, ChatOptions Options, ScaledImage Tile, ScaledImage Image, CoordinateFrame Coordinates)
{
    /// <summary>Maps a point in model-image pixels to viewport CSS pixels.</summary>
    /// <param name="x">The x coordinate in model-image pixels.</param>
    /// <param name="y">The y coordinate in model-image pixels.</param>
    /// <returns>The point in viewport CSS pixels.</returns>
    public CssPoint ToCss(double x, double y)
    {
        var inTile = Image.ToCss(x, y);
        return Tile.ToCss(inTile.X, inTile.Y);
    }

    /// <summary>Maps a viewport CSS point to model-image pixels (outside the image when the point is outside the tile).</summary>
    /// <param name="point">The point in viewport CSS pixels.</param>
    /// <returns>The point in model-image pixels.</returns>
    public (double X, double Y) FromCss(CssPoint point)
    {
        var (x, y) = Tile.FromCss(point);
        return Image.FromCss(new CssPoint(x, y));
    }
}
