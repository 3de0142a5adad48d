using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Agents.Evaluation.Reporting;

/// <summary>
/// The sweep as Markdown tables in the pruning papers' style: one table per task, rows = methods, columns
/// "Upper bound 196 (100%)", "Retain 98 (-50%)", ...; each cell the accuracy in percent and its ratio to the full
/// budget; <c>n/a</c> where a method was unavailable, <c>-</c> where it was not run (a pool method's other columns).
/// Then the summary lines of <see cref="ModelSweepSummary"/>.
/// </summary>
public static class ModelSweepMarkdown
{
    /// <summary>Returns the header of a task table: <c>| Method | Upper bound {total} (100%) | Retain {kept} (-{100 - percent}%) | ... |</c>.</summary>
    public static string Header(int total, IReadOnlyList<SweepBudget> budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var columns = new List<string> { "Method", string.Create(CultureInfo.InvariantCulture, $"Upper bound {total} (100%)") };
        columns.AddRange(budgets.Select(b => string.Create(CultureInfo.InvariantCulture, $"Retain {b.Kept} (-{100 - b.Percent:0.#}%)")));
        return "| " + string.Join(" | ", columns) + " |";
    }

    /// <summary>Renders every task's table and the summary.</summary>
    public static string Render(ModelSweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Accuracy against visual tokens kept: {result.Model}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{result.VisualTokensPerImage} visual tokens per image. Each cell: accuracy in percent (ratio to the full budget). n/a: not available for this package.\n");
        foreach (var (task, metric) in result.Tasks)
        {
            text.Append('\n').Append(Table(result, task, metric));
        }

        text.Append("\n## Summary\n\n");
        foreach (var line in ModelSweepSummary.Lines(result))
        {
            text.Append("- ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Renders the table of one task.</summary>
    public static string Table(ModelSweepResult result, string task, string metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        var full = result.FullBudget(task);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## {task} ({metric}, n = {full?.Count ?? 0})\n\n");
        text.Append(Header(result.VisualTokensPerImage, result.Budgets)).Append('\n');
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", result.Budgets.Count + 1))).Append('\n');
        foreach (var method in result.Methods)
        {
            var row = new List<string> { method, Percent(full?.Accuracy) };
            var pooled = ModelSweep.IsPool(method) ? result.Cells.FirstOrDefault(c => c.Task == task && c.Method == method) : null;
            var poolColumn = pooled is null ? -1 : NearestColumn(result.Budgets, pooled.TokensKept);
            for (var i = 0; i < result.Budgets.Count; i++)
            {
                var cell = pooled is not null
                    ? (i == poolColumn ? pooled : null)
                    : result.Find(task, method, result.Budgets[i].Percent);
                row.Add(Cell(result, cell));
            }

            text.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Cell(ModelSweepResult result, ModelSweepCell? cell)
    {
        if (cell is null)
        {
            return "-";
        }

        if (!cell.IsAvailable)
        {
            return "n/a";
        }

        var ratio = result.RatioToFull(cell);
        var kept = ModelSweep.IsPool(cell.Method) ? string.Create(CultureInfo.InvariantCulture, $" @{cell.TokensKept}") : string.Empty;
        return ratio is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{Percent(cell.Accuracy)} ({r * 100:0.0}%){kept}")
            : Percent(cell.Accuracy) + kept;
    }

    private static int NearestColumn(IReadOnlyList<SweepBudget> budgets, int kept)
    {
        var best = -1;
        for (var i = 0; i < budgets.Count; i++)
        {
            if (best < 0 || Math.Abs(budgets[i].Kept - kept) < Math.Abs(budgets[best].Kept - kept))
            {
                best = i;
            }
        }

        return best;
    }

    private static string Percent(double? accuracy) =>
        accuracy is { } a ? (a * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
