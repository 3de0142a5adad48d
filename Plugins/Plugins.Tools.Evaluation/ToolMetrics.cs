using System.Collections.Generic;
using System.Linq;

namespace Plugins.Tools.Evaluation;

/// <summary>Top-1 accuracy, hit@k and recall@k over a set of outcomes; all 0 for an empty set.</summary>
/// <param name="Subset">The subset's name: <c>all</c>, <c>with-image</c>, <c>low-overlap</c>.</param>
/// <param name="Count">The number of queries.</param>
/// <param name="Top1">The share of queries whose first tool is acceptable.</param>
/// <param name="HitAtK">The share of queries with at least one acceptable tool in the top k.</param>
/// <param name="RecallAtK">The mean over queries of the share of the acceptable set found in the top k.</param>
public sealed record ToolMetrics(string Subset, int Count, double Top1, double HitAtK, double RecallAtK)
{
    /// <summary>Computes the metrics of <paramref name="outcomes"/>.</summary>
    /// <param name="subset">The subset's name.</param>
    /// <param name="outcomes">The outcomes.</param>
    public static ToolMetrics Of(string subset, IReadOnlyCollection<ToolQueryOutcome> outcomes) =>
        outcomes.Count == 0
            ? new ToolMetrics(subset, 0, 0, 0, 0)
            : new ToolMetrics(subset, outcomes.Count, outcomes.Average(o => o.Top1Correct ? 1.0 : 0.0), outcomes.Average(o => o.Hit ? 1.0 : 0.0), outcomes.Average(o => o.Recall));
}
