using System;
using System.Collections.Generic;

namespace Agents.Bench.Plotting;

/// <summary>One line of a <see cref="LineChart"/>: its legend label and its points (x and y of the same length).</summary>
/// <param name="Label">The legend text.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, one per x.</param>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Whether the line is dashed (default false: solid).</summary>
    public bool Dashed { get; init; }

    /// <summary>Whether the line is drawn in black instead of the palette's next colour (default false), e.g. for a reference line.</summary>
    public bool Black { get; init; }

    /// <summary>Throws when the point lists differ in length or are empty.</summary>
    /// <exception cref="ArgumentException">The series is malformed (the message names it).</exception>
    public void Validate()
    {
        if (X.Count != Y.Count || X.Count == 0)
        {
            throw new ArgumentException($"The line series '{Label}' needs as many y values as x values, at least one; got {X.Count} x and {Y.Count} y.", nameof(X));
        }
    }
}
