using System;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>Colour arithmetic for reading controls out of screenshots.</summary>
internal static class ColourDistance
{
    /// <summary>Euclidean distance of two colours in RGB, 0 to about 441; alpha is ignored.</summary>
    public static double Between(SKColor a, SKColor b)
    {
        double dr = a.Red - b.Red, dg = a.Green - b.Green, db = a.Blue - b.Blue;
        return Math.Sqrt((dr * dr) + (dg * dg) + (db * db));
    }
}
