using System;
using System.Collections.Generic;
using System.Linq;

namespace Plugins.Gui.Evaluation;

/// <summary>Accuracy and timing over a set of outcomes (one split, or all).</summary>
/// <param name="Split"><c>text</c>, <c>icon</c> or <c>all</c>.</param>
/// <param name="Count">Records evaluated.</param>
/// <param name="Correct">Records whose point was inside the target box.</param>
/// <param name="Misses">Records where the grounder gave no point (counted as wrong).</param>
/// <param name="MeanMilliseconds">Mean grounder time per record.</param>
/// <param name="MedianMilliseconds">Median grounder time per record.</param>
public sealed record GroundingSplitSummary(string Split, int Count, int Correct, int Misses, double MeanMilliseconds, double MedianMilliseconds)
{
    /// <summary>Correct / Count, in [0, 1]; 0 for an empty split.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Summarises <paramref name="outcomes"/> under the name <paramref name="split"/>.</summary>
    public static GroundingSplitSummary Of(string split, IReadOnlyCollection<GroundingOutcome> outcomes)
    {
        var times = outcomes.Select(o => o.Milliseconds).Order().ToArray();
        var median = times.Length == 0 ? 0 : times.Length % 2 == 1 ? times[times.Length / 2] : (times[(times.Length / 2) - 1] + times[times.Length / 2]) / 2;
        return new GroundingSplitSummary(split, outcomes.Count, outcomes.Count(o => o.Correct), outcomes.Count(o => o.Miss), times.Length == 0 ? 0 : times.Average(), median);
    }

    /// <summary>The summary's name for all outcomes together.</summary>
    public const string All = "all";

    /// <summary>Whether the split has any record.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Accuracy in percent, rounded to one decimal.</summary>
    public double AccuracyPercent => Math.Round(Accuracy * 100, 1);
}
