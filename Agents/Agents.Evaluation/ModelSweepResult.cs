using System;
using System.Collections.Generic;
using System.Linq;

namespace Agents.Evaluation;

/// <summary>Every cell of a sweep, with what the tables need to label them.</summary>
public sealed record ModelSweepResult
{
    /// <summary>The model (package folder or id) the sweep scored.</summary>
    public required string Model { get; init; }

    /// <summary>The visual tokens per image before pruning.</summary>
    public required int VisualTokensPerImage { get; init; }

    /// <summary>The methods, in the order asked.</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>The budgets below the full budget, in the order asked, as (label, nominal percent, tokens kept).</summary>
    public required IReadOnlyList<SweepBudget> Budgets { get; init; }

    /// <summary>The tasks, in the order run, as (name, metric).</summary>
    public required IReadOnlyList<(string Name, string Metric)> Tasks { get; init; }

    /// <summary>Every cell: per task, the full budget first, then each method at each budget.</summary>
    public required IReadOnlyList<ModelSweepCell> Cells { get; init; }

    /// <summary>Returns the full-budget cell of <paramref name="task"/>, or null when the task did not run.</summary>
    public ModelSweepCell? FullBudget(string task) =>
        Cells.FirstOrDefault(c => c.Task == task && c.Method == ModelSweepCell.FullBudgetMethod);

    /// <summary>Returns the cell of <paramref name="task"/>, <paramref name="method"/> at the budget whose nominal percent is <paramref name="percent"/> (within 0.05), or null.</summary>
    public ModelSweepCell? Find(string task, string method, double percent) =>
        Cells.FirstOrDefault(c => c.Task == task && string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase) && Math.Abs(c.BudgetPercent - percent) < 0.05);

    /// <summary>Returns <paramref name="cell"/>'s accuracy as a share of the task's full-budget accuracy, or null when either is missing or the full accuracy is 0.</summary>
    public double? RatioToFull(ModelSweepCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Accuracy is { } a && FullBudget(cell.Task)?.Accuracy is { } full && full > 0 ? a / full : null;
    }
}
