using System;
using System.Globalization;

namespace Plugins.Gui.Seeing;

/// <summary>An axis-aligned box in CSS pixels of the top-level viewport (see <see cref="CssPoint"/>).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width; never negative.</param>
/// <param name="Height">Height; never negative.</param>
public readonly record struct CssRect(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge (<see cref="X"/> + <see cref="Width"/>).</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge (<see cref="Y"/> + <see cref="Height"/>).</summary>
    public double Bottom => Y + Height;

    /// <summary>The centre, which is the box's click point.</summary>
    public CssPoint Center => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>Width times height.</summary>
    public double Area => Width * Height;

    /// <summary>Whether the box has no area.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>Whether <paramref name="point"/> lies inside the box, edges included.</summary>
    public bool Contains(CssPoint point) => point.X >= X && point.X <= Right && point.Y >= Y && point.Y <= Bottom;

    /// <summary>Whether <paramref name="other"/> lies entirely inside this box.</summary>
    public bool Contains(CssRect other) => other.X >= X && other.Right <= Right && other.Y >= Y && other.Bottom <= Bottom;

    /// <summary>The overlap of the two boxes, or an empty box at this box's origin when they do not overlap.</summary>
    public CssRect Intersect(CssRect other)
    {
        var left = Math.Max(X, other.X);
        var top = Math.Max(Y, other.Y);
        var right = Math.Min(Right, other.Right);
        var bottom = Math.Min(Bottom, other.Bottom);
        return right <= left || bottom <= top ? new CssRect(X, Y, 0, 0) : new CssRect(left, top, right - left, bottom - top);
    }

    /// <summary>Intersection over union, in [0, 1].</summary>
    public double IntersectionOverUnion(CssRect other)
    {
        var overlap = Intersect(other).Area;
        var union = Area + other.Area - overlap;
        return union <= 0 ? 0 : overlap / union;
    }

    /// <summary>Builds a box from two corners.</summary>
    public static CssRect FromCorners(double x1, double y1, double x2, double y2) =>
        new(Math.Min(x1, x2), Math.Min(y1, y2), Math.Abs(x2 - x1), Math.Abs(y2 - y1));

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{X:0.#},{Y:0.#} {Width:0.#}x{Height:0.#}]");
}
