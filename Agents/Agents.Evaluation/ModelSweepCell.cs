namespace Agents.Evaluation;

/// <summary>One point of a sweep: a task scored at one pruning method and budget.</summary>
public sealed record ModelSweepCell
{
    /// <summary>The method of the full-budget cell (no pruning), shared by every method.</summary>
    public const string FullBudgetMethod = "none";

    /// <summary>The task's name.</summary>
    public required string Task { get; init; }

    /// <summary>What the accuracy measures.</summary>
    public required string Metric { get; init; }

    /// <summary>The pruning method, or <see cref="FullBudgetMethod"/> for the full budget.</summary>
    public required string Method { get; init; }

    /// <summary>The budget as asked (<c>"25%"</c>, <c>"64"</c>; <c>"100%"</c> for the full budget; the pooled count for pool methods, which ignore budgets).</summary>
    public required string Budget { get; init; }

    /// <summary>The nominal share of visual tokens kept, in percent (100 for the full budget; 11.1 for <c>"11.1%"</c>).</summary>
    public required double BudgetPercent { get; init; }

    /// <summary>The visual tokens kept per image: as the model reported (<c>visual_tokens_kept</c>), else as the budget resolves.</summary>
    public required int TokensKept { get; init; }

    /// <summary>The visual tokens per image before pruning.</summary>
    public required int TokensTotal { get; init; }

    /// <summary>The accuracy in [0, 1]; null when the cell is unavailable.</summary>
    public double? Accuracy { get; init; }

    /// <summary>How many records were scored (0 when unavailable).</summary>
    public int Count { get; init; }

    /// <summary>The wall time of the cell, in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Why the cell was not run (e.g. no staged graphs for FastV); null when it was.</summary>
    public string? Unavailable { get; init; }

    /// <summary>Whether the cell was run.</summary>
    public bool IsAvailable => Unavailable is null;
}
