using System.Collections.Generic;
using LocalModel.Generation;
using LocalModel.Pruning;

namespace Agents.Bench.Pruning;

/// <summary>What <see cref="PruningBenchmark"/> runs.</summary>
public sealed class PruningBenchmarkOptions
{
    private int _repeats = 7;
    private int _warmup = 2;

    /// <summary>Gets the methods measured when none are given: the in-image methods, plus <c>fastv</c> and <c>pyramiddrop</c> on a package with stages.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["fastervlm", "vtc-cls", "fopru-rank", "divprune", "bipartite-merge", "uniform", "random", "pool-2x2", "pool-4x4"];

    /// <summary>Gets the budgets measured when none are given.</summary>
    public static IReadOnlyList<string> DefaultBudgets { get; } = ["100%", "50%", "25%", "11.1%", "5.6%"];

    /// <summary>Gets or sets the methods. Default null: <see cref="DefaultMethods"/> (plus the in-LLM methods when the package has stages).</summary>
    public IReadOnlyList<string>? Methods { get; set; }

    /// <summary>Gets or sets the budgets per method (<c>pool-*</c> methods ignore them). Default null: <see cref="DefaultBudgets"/>.</summary>
    public IReadOnlyList<VisualTokenBudget>? Budgets { get; set; }

    /// <summary>Gets or sets the image. Default null: <see cref="BenchImages.Synthetic"/> at the model's image size.</summary>
    public ImageInput? Image { get; set; }

    /// <summary>Gets or sets the timed runs per point, at least 1. Default 7.</summary>
    public int Repeats { get => _repeats; set => _repeats = OptionChecks.AtLeast(value, 1, nameof(Repeats)); }

    /// <summary>Gets or sets the untimed warm-up runs per point, at least 0. Default 2.</summary>
    public int Warmup { get => _warmup; set => _warmup = OptionChecks.AtLeast(value, 0, nameof(Warmup)); }
}
