using System.Globalization;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Where on the screen an instruction places its target ("top right", "at the bottom", "in the middle"), as anchors
/// in [0, 1] of the viewport: <see cref="X"/> 0 is the left edge and 1 the right, <see cref="Y"/> 0 the top and 1 the
/// bottom; null where the instruction says nothing about that axis.
/// </summary>
/// <param name="X">Horizontal anchor, or null.</param>
/// <param name="Y">Vertical anchor, or null.</param>
/// <param name="Words">The position words as written ("top right").</param>
public sealed record PositionHint(double? X, double? Y, string Words)
{
    /// <summary>
    /// How well a point at relative coordinates (<paramref name="relativeX"/>, <paramref name="relativeY"/>), each in
    /// [0, 1], fits the hint: 1 at the anchor, falling linearly with distance to 0 at the far side.
    /// </summary>
    public double Fit(double relativeX, double relativeY)
    {
        double sum = 0;
        var axes = 0;
        if (X is { } x)
        {
            sum += (relativeX - x) * (relativeX - x);
            axes++;
        }

        if (Y is { } y)
        {
            sum += (relativeY - y) * (relativeY - y);
            axes++;
        }

        return axes == 0 ? 0 : 1 - System.Math.Min(1, System.Math.Sqrt(sum / axes));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"'{Words}' ({X?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}, {Y?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"})");
}
