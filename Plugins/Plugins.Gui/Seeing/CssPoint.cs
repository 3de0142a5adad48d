using System;
using System.Globalization;

namespace Plugins.Gui.Seeing;

/// <summary>
/// A point in CSS pixels of the top-level viewport: the unit of <c>Mouse.ClickAsync</c> and of a screenshot taken
/// with <c>Scale = Css</c> (one image pixel is one CSS pixel, whatever the device scale factor).
/// </summary>
/// <param name="X">Distance from the viewport's left edge, in CSS pixels.</param>
/// <param name="Y">Distance from the viewport's top edge, in CSS pixels.</param>
public readonly record struct CssPoint(double X, double Y)
{
    /// <summary>Euclidean distance to <paramref name="other"/>, in CSS pixels.</summary>
    public double DistanceTo(CssPoint other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({X:0.#},{Y:0.#})");
}
