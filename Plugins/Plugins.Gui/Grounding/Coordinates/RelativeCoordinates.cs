using System;

namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// <c>relative-1000</c>: integers from 0 to 1000 relative to the image's width and height, whatever its size; value
/// <c>v</c> is <c>v / 1000 * size</c> pixels (0 and 1000 are the edges). Thread-safe.
/// </summary>
public sealed class RelativeCoordinates : ICoordinateConvention
{
    /// <summary>The value of the right and bottom edges: 1000.</summary>
    public const int Scale = 1000;

    private RelativeCoordinates()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static RelativeCoordinates Instance { get; } = new();

    /// <inheritdoc />
    public string Name => CoordinateConventions.Relative1000Name;

    /// <inheritdoc />
    public CoordinateFrame FrameFor(int imageWidth, int imageHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        return new CoordinateFrame
        {
            ImageWidth = imageWidth,
            ImageHeight = imageHeight,
            SeenWidth = imageWidth,
            SeenHeight = imageHeight,
            UnitsX = Scale,
            UnitsY = Scale,
            MaxX = Scale,
            MaxY = Scale,
            CellCentres = false,
            Where = "on the 0-1000 scale",
            RangeX = "the 0..1000 scale",
            RangeY = "the 0..1000 scale",
            Description = "Coordinates are integers from 0 to 1000 relative to the image: x=0 is the left edge and x=1000 the right edge; y=0 is the top edge and y=1000 the bottom edge, whatever the image size.",
            PointDescription = "from 0 to 1000 relative to the image (x=0 left edge, x=1000 right edge, y=0 top edge, y=1000 bottom edge)",
        };
    }
}
