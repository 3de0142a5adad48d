using System;
using System.Globalization;

namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// A model's coordinate system over one image (made by an <see cref="ICoordinateConvention"/>): integers from 0 to
/// <see cref="MaxX"/> and <see cref="MaxY"/>, of which <see cref="UnitsX"/> and <see cref="UnitsY"/> span the image.
/// A value <c>v</c> is <c>v / units * size</c> image pixels, or the centre of its cell, <c>(v + 0.5) / units * size</c>,
/// with <see cref="CellCentres"/> (the 0-999 grid). Also holds the texts prompts and answer reasons use. Immutable.
/// </summary>
public sealed class CoordinateFrame
{
    /// <summary>Gets the width of the image sent to the model, in pixels.</summary>
    public required int ImageWidth { get; init; }

    /// <summary>Gets the height of the image sent to the model, in pixels.</summary>
    public required int ImageHeight { get; init; }

    /// <summary>Gets the width the prompt gives the image: the image's own, or the size the model resizes it to when coordinates are in those pixels.</summary>
    public required int SeenWidth { get; init; }

    /// <summary>Gets the height the prompt gives the image; see <see cref="SeenWidth"/>.</summary>
    public required int SeenHeight { get; init; }

    /// <summary>Gets how many units span the image's width (1000 for the grid and the relative scale, the resized width for pixels).</summary>
    public required int UnitsX { get; init; }

    /// <summary>Gets how many units span the image's height.</summary>
    public required int UnitsY { get; init; }

    /// <summary>Gets the largest x the model may write.</summary>
    public required int MaxX { get; init; }

    /// <summary>Gets the largest y the model may write.</summary>
    public required int MaxY { get; init; }

    /// <summary>Gets whether a value names a cell whose centre is the point (the 0-999 grid) rather than a position on a continuous scale.</summary>
    public required bool CellCentres { get; init; }

    /// <summary>Gets where answers are, for answer reasons: e.g. <c>on the 0-999 grid</c>.</summary>
    public required string Where { get; init; }

    /// <summary>Gets the allowed x values, for out-of-range reasons: e.g. <c>the 0..999 grid</c>.</summary>
    public required string RangeX { get; init; }

    /// <summary>Gets the allowed y values, for out-of-range reasons.</summary>
    public required string RangeY { get; init; }

    /// <summary>Gets the prompt sentence that tells the model how coordinates are written (the <c>{coordinates}</c> of the grounding prompts).</summary>
    public required string Description { get; init; }

    /// <summary>Gets the short form for a point answer after "answer a point (x,y)" (the <c>{point_coordinates}</c> of the hybrid prompt).</summary>
    public required string PointDescription { get; init; }

    /// <summary>Gets an example point answer, 51.2% across and 30% down: <c>(512,300)</c> on the grid.</summary>
    public string ExamplePoint => string.Create(CultureInfo.InvariantCulture, $"({At(0.512, UnitsX)},{At(0.3, UnitsY)})");

    /// <summary>Gets an example box answer around <see cref="ExamplePoint"/>: <c>[480,280,544,320]</c> on the grid.</summary>
    public string ExampleBox => string.Create(CultureInfo.InvariantCulture, $"[{At(0.48, UnitsX)},{At(0.28, UnitsY)},{At(0.544, UnitsX)},{At(0.32, UnitsY)}]");

    /// <summary>Whether <paramref name="value"/> is an x the model may write (0 to <see cref="MaxX"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it is in range.</returns>
    public bool IsValidX(int value) => value >= 0 && value <= MaxX;

    /// <summary>Whether <paramref name="value"/> is a y the model may write (0 to <see cref="MaxY"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it is in range.</returns>
    public bool IsValidY(int value) => value >= 0 && value <= MaxY;

    /// <summary>Maps an x the model wrote to image pixels.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The x in pixels of the image sent.</returns>
    public double ToPixelX(int value) => ToPixel(value, UnitsX, ImageWidth);

    /// <summary>Maps a y the model wrote to image pixels.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The y in pixels of the image sent.</returns>
    public double ToPixelY(int value) => ToPixel(value, UnitsY, ImageHeight);

    /// <summary>The x the model would write for image pixel <paramref name="pixel"/> (clamped to 0..<see cref="MaxX"/>): the cell holding it on the grid, else the nearest value.</summary>
    /// <param name="pixel">The x in pixels of the image sent.</param>
    /// <returns>The value.</returns>
    public int FromPixelX(double pixel) => FromPixel(pixel, UnitsX, ImageWidth, MaxX);

    /// <summary>The y the model would write for image pixel <paramref name="pixel"/> (clamped to 0..<see cref="MaxY"/>).</summary>
    /// <param name="pixel">The y in pixels of the image sent.</param>
    /// <returns>The value.</returns>
    public int FromPixelY(double pixel) => FromPixel(pixel, UnitsY, ImageHeight, MaxY);

    private static int At(double fraction, int units) => (int)Math.Round(fraction * units, MidpointRounding.AwayFromZero);

    private double ToPixel(int value, int units, int size) => (value + (CellCentres ? 0.5 : 0)) / units * size;

    private int FromPixel(double pixel, int units, int size, int max)
    {
        var scaled = pixel / size * units;
        return Math.Clamp((int)(CellCentres ? Math.Floor(scaled) : Math.Round(scaled, MidpointRounding.AwayFromZero)), 0, max);
    }
}
