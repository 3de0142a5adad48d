using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Agents.Evaluation.Reporting;

/// <summary>
/// The headline lines of a sweep, as the issue asks them: the full-budget accuracy per task against its goal
/// (<see cref="FullBudgetGoals"/>); FasterVLM at 25% and 11.1% as a share of the full budget (on grounding tasks against
/// the goals: at least 95% and 90%); the best method at 11.1% per task. A share of a full budget that misses its own
/// goal says little (near chance, any method keeps "all" of nothing), so such a verdict says so.
/// </summary>
public static class ModelSweepSummary
{
    /// <summary>The share of the full budget FasterVLM must keep at 25% on grounding.</summary>
    public const double GoalAt25 = 0.95;

    /// <summary>The share of the full budget FasterVLM must keep at 11.1% on grounding.</summary>
    public const double GoalAt11 = 0.90;

    /// <summary>The held-out accuracy each task must reach at the full budget.</summary>
    public static IReadOnlyDictionary<string, double> FullBudgetGoals { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["grounding-vision"] = 0.70,
        ["grounding-hybrid"] = 0.90,
        ["affect"] = 0.90,
        ["tools"] = 0.85,
        ["actions"] = 0.90,
        ["actions-e2e"] = 0.80,
    };

    /// <summary>Returns the summary lines.</summary>
    /// <param name="result">The sweep.</param>
    /// <returns>One line per task at the full budget, per FasterVLM budget, and per task's best method at 11.1%.</returns>
    public static IReadOnlyList<string> Lines(ModelSweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        foreach (var (task, _) in result.Tasks)
        {
            var full = result.FullBudget(task);
            var verdict = FullBudgetGoals.TryGetValue(task, out var goal) && full?.Accuracy is { } a
                ? string.Create(CultureInfo.InvariantCulture, $"; goal >= {G(goal)}: {(a >= goal ? "met" : "NOT met")}")
                : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{task}: full budget {P(full?.Accuracy)} (n = {full?.Count ?? 0}){verdict}"));
        }

        foreach (var (task, _) in result.Tasks)
        {
            foreach (var (percent, goal) in new[] { (25.0, GoalAt25), (11.1, GoalAt11) })
            {
                if (result.Find(task, "fastervlm", percent) is not { } cell)
                {
                    continue;
                }

                var ratio = result.RatioToFull(cell);
                var verdict = ratio is { } r && task.StartsWith("grounding", StringComparison.Ordinal)
                    ? string.Create(CultureInfo.InvariantCulture, $"; goal >= {G(goal)}: {(r >= goal ? "met" : "NOT met")}{(r >= goal && !MeetsFullBudgetGoal(result, task) ? ", on a full budget below its own goal" : string.Empty)}")
                    : string.Empty;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{task}: fastervlm at {percent:0.#}% ({cell.TokensKept} tokens) {P(cell.Accuracy)} = {P(ratio)} of full{verdict}"));
            }
        }

        foreach (var (task, _) in result.Tasks)
        {
            var best = result.Cells
                .Where(c => c.Task == task && c.IsAvailable && c.Method != ModelSweepCell.FullBudgetMethod && !ModelSweep.IsPool(c.Method) && Math.Abs(c.BudgetPercent - 11.1) < 0.05)
                .OrderByDescending(c => c.Accuracy)
                .ToList();
            if (best.Count == 0)
            {
                continue;
            }

            var top = best[0];
            var tied = best.Where(c => c.Accuracy == top.Accuracy).Select(c => c.Method);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{task}: best at 11.1% ({top.TokensKept} tokens): {string.Join(", ", tied)} {P(top.Accuracy)} = {P(result.RatioToFull(top))} of full"));
        }

        return lines;
    }

    private static bool MeetsFullBudgetGoal(ModelSweepResult result, string task) =>
        !FullBudgetGoals.TryGetValue(task, out var goal) || result.FullBudget(task)?.Accuracy >= goal;

    private static string G(double goal) => (goal * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string P(double? share) =>
        share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
}
