using System;
using System.Collections.Generic;

namespace Plugins.Gui.Grounding.Coordinates;

/// <summary>
/// The coordinate conventions by name, the values of a model package's <c>coordinates</c> field: <c>grid-999</c>
/// (<see cref="GridCoordinates"/>, the default), <c>relative-1000</c> (<see cref="RelativeCoordinates"/>) and
/// <c>absolute-resized</c> (<see cref="ResizedPixelCoordinates"/>, which needs the model's resize). Thread-safe.
/// </summary>
public static class CoordinateConventions
{
    /// <summary>The name of <see cref="GridCoordinates"/>.</summary>
    public const string Grid999Name = "grid-999";

    /// <summary>The name of <see cref="RelativeCoordinates"/>.</summary>
    public const string Relative1000Name = "relative-1000";

    /// <summary>The name of <see cref="ResizedPixelCoordinates"/>.</summary>
    public const string AbsoluteResizedName = "absolute-resized";

    /// <summary>Gets the known names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Grid999Name, Relative1000Name, AbsoluteResizedName];

    /// <summary>Gets the 0-999 grid (the default of the grounders).</summary>
    public static ICoordinateConvention Grid999 => GridCoordinates.Instance;

    /// <summary>Gets the 0-1000 relative scale.</summary>
    public static ICoordinateConvention Relative1000 => RelativeCoordinates.Instance;

    /// <summary>Gets the convention named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">A <c>coordinates</c> value.</param>
    /// <param name="resize">For <c>absolute-resized</c>: the model's resize of an image's (width, height); ignored otherwise.</param>
    /// <returns>The convention.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones), or <c>absolute-resized</c> comes without <paramref name="resize"/>.</exception>
    public static ICoordinateConvention Create(string name, Func<int, int, (int Width, int Height)>? resize = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, Grid999Name, StringComparison.OrdinalIgnoreCase))
        {
            return Grid999;
        }

        if (string.Equals(name, Relative1000Name, StringComparison.OrdinalIgnoreCase))
        {
            return Relative1000;
        }

        if (string.Equals(name, AbsoluteResizedName, StringComparison.OrdinalIgnoreCase))
        {
            return resize is null
                ? throw new ArgumentException($"The coordinates '{AbsoluteResizedName}' need the model's resize (how it resizes an image before it sees it); none was given.", nameof(resize))
                : new ResizedPixelCoordinates(resize);
        }

        throw new ArgumentException($"The coordinates '{name}' are unknown; use one of {string.Join(", ", Names)}.", nameof(name));
    }
}
