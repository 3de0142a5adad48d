using System;
using System.Collections.Generic;
using System.Linq;
using LocalModel.Pruning;

namespace Agents.Evaluation;

/// <summary>What <see cref="ModelSweep"/> runs; checked by <see cref="Validate"/>.</summary>
public sealed class ModelSweepOptions
{
    /// <summary>The default methods: every pre-LLM method of the papers' comparisons, the baselines, then FastV and PyramidDrop.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } =
        ["fastervlm", "vtc-cls", "fopru-rank", "fopru-row", "divprune", "bipartite-merge", "pool-2x2", "random", "uniform", "fastv", "pyramiddrop"];

    /// <summary>The default budgets: 100% (the upper bound, run once), 50%, 25%, 11.1% and 5.6% (the papers' 576 -> 288, 144, 64, 32).</summary>
    public static IReadOnlyList<VisualTokenBudget> DefaultBudgets { get; } =
        [VisualTokenBudget.All, VisualTokenBudget.Parse("50%"), VisualTokenBudget.Parse("25%"), VisualTokenBudget.Parse("11.1%"), VisualTokenBudget.Parse("5.6%")];

    /// <summary>The pruning methods (names of <see cref="VisualTokenSelectors"/>, in-LLM ones included); default <see cref="DefaultMethods"/>.</summary>
    public IReadOnlyList<string> Methods { get; init; } = DefaultMethods;

    /// <summary>
    /// The budgets; default <see cref="DefaultBudgets"/>. A budget that keeps every token is the full-budget run,
    /// made once without pruning and shared by all methods; it is made even when not listed.
    /// </summary>
    public IReadOnlyList<VisualTokenBudget> Budgets { get; init; } = DefaultBudgets;

    /// <summary>The package's visual tokens per image (<c>visual_tokens_per_image</c>, e.g. 196); at least 1.</summary>
    public required int VisualTokensPerImage { get; init; }

    /// <summary>Whether the package has staged decoder graphs (built with <c>--stages</c>); without them FastV and PyramidDrop are reported unavailable.</summary>
    public bool HasStagedGraphs { get; init; }

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">No methods, an unknown method, no budgets, or fewer than one visual token.</exception>
    public void Validate()
    {
        if (VisualTokensPerImage < 1)
        {
            throw new ArgumentException($"ModelSweepOptions.VisualTokensPerImage must be at least 1, got {VisualTokensPerImage}.", nameof(VisualTokensPerImage));
        }

        if (Methods is null || Methods.Count == 0)
        {
            throw new ArgumentException("ModelSweepOptions.Methods needs at least one pruning method.", nameof(Methods));
        }

        if (Methods.FirstOrDefault(m => !VisualTokenSelectors.IsKnown(m) || m.Equals("none", StringComparison.OrdinalIgnoreCase)) is { } bad)
        {
            throw new ArgumentException($"ModelSweepOptions.Methods has '{bad}', which is not a pruning method; use {string.Join(", ", VisualTokenSelectors.MethodNames.Skip(1).Concat(VisualTokenSelectors.InLlmMethodNames))}.", nameof(Methods));
        }

        if (Budgets is null || Budgets.Count == 0)
        {
            throw new ArgumentException("ModelSweepOptions.Budgets needs at least one budget (e.g. 100%, 25%).", nameof(Budgets));
        }
    }
}
