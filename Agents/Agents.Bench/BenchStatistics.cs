using System.Collections.Generic;
using System.Linq;

namespace Agents.Bench;

/// <summary>Summary statistics the benchmarks report.</summary>
public static class BenchStatistics
{
    /// <summary>The median of the values that are not NaN; NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
