namespace Agents.Bench.Plotting;

/// <summary>The corner of a <see cref="LineChart"/> that holds its legend.</summary>
public enum LegendCorner
{
    /// <summary>Upper left.</summary>
    UpperLeft,

    /// <summary>Upper right.</summary>
    UpperRight,

    /// <summary>Lower left.</summary>
    LowerLeft,

    /// <summary>Lower right.</summary>
    LowerRight,
}
