using System;

namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// <c>grid-999</c>: integers on a 0-999 grid over the image whatever its size (Ferret-UI, OS-Atlas, LLaVA-style
/// grounding); value <c>v</c> is the centre of its cell, <c>(v + 0.5) / 1000 * size</c> pixels, so 0 and 999 stay
/// inside the image. The default convention. Thread-safe.
/// </summary>
public sealed class GridCoordinates : ICoordinateConvention
{
    /// <summary>The number of cells per axis: 1000 (values 0 to 999).</summary>
    public const int Cells = 1000;

    private GridCoordinates()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static GridCoordinates Instance { get; } = new();

    /// <inheritdoc />
    public string Name => CoordinateConventions.Grid999Name;

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
            UnitsX = Cells,
            UnitsY = Cells,
            MaxX = Cells - 1,
            MaxY = Cells - 1,
            CellCentres = true,
            Where = "on the 0-999 grid",
            RangeX = "the 0..999 grid",
            RangeY = "the 0..999 grid",
            Description = "Coordinates are integers on a 0-999 grid: x=0 is the left edge and x=999 the right edge; y=0 is the top edge and y=999 the bottom edge, whatever the image size.",
            PointDescription = "on a 0-999 grid (x=0 left edge, x=999 right edge, y=0 top edge, y=999 bottom edge)",
        };
    }
}
