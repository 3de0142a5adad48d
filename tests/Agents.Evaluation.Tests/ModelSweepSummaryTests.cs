using System.Linq;
using Agents.Evaluation.Reporting;

namespace Agents.Evaluation.Tests;

public sealed class ModelSweepSummaryTests
{
    [Fact]
    public void Lines_FullBudgetAboveGoal_RatioMetPlainly()
    {
        var lines = ModelSweepSummary.Lines(Result(full: 0.95, at25: 0.94));

        Assert.Contains("grounding-hybrid: full budget 95.0% (n = 100); goal >= 90%: met", lines);
        Assert.Contains(lines, l => l.StartsWith("grounding-hybrid: fastervlm at 25%", System.StringComparison.Ordinal) && l.EndsWith("goal >= 95%: met", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_FullBudgetNearChance_RatioVerdictSaysSo()
    {
        var lines = ModelSweepSummary.Lines(Result(full: 0.05, at25: 0.05));

        Assert.Contains("grounding-hybrid: full budget 5.0% (n = 100); goal >= 90%: NOT met", lines);
        var at25 = lines.Single(l => l.StartsWith("grounding-hybrid: fastervlm at 25%", System.StringComparison.Ordinal));
        Assert.EndsWith("goal >= 95%: met, on a full budget below its own goal", at25);
    }

    private static ModelSweepResult Result(double full, double at25) => new()
    {
        Model = "fake",
        VisualTokensPerImage = 196,
        Methods = ["fastervlm"],
        Budgets = [new SweepBudget("100%", 100, 196), new SweepBudget("25%", 25, 49)],
        Tasks = [("grounding-hybrid", "point-in-box")],
        Cells =
        [
            new ModelSweepCell { Task = "grounding-hybrid", Metric = "point-in-box", Method = ModelSweepCell.FullBudgetMethod, Budget = "100%", BudgetPercent = 100, TokensKept = 196, TokensTotal = 196, Accuracy = full, Count = 100 },
            new ModelSweepCell { Task = "grounding-hybrid", Metric = "point-in-box", Method = "fastervlm", Budget = "25%", BudgetPercent = 25, TokensKept = 49, TokensTotal = 196, Accuracy = at25, Count = 100 },
        ],
    };
}
