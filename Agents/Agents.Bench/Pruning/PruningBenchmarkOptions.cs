using System.Collections.Generic;
using LocalModel.Generation;
using LocalModel.Pruning;

namespace Agents.Bench.Pruning;

/// <summary>What <see cref="PruningBenchmark"/> runs.</summary>
public sealed class PruningBenchmarkOptions
{
    private int _repeats = 7;
    private int _warmup = 2;

    /// <summary>
    /// Gets the methods measured when none are given: the in-image methods, plus <c>fastv</c> and <c>pyramiddrop</c> on a
    /// package with stages. On a package without [CLS] attention outputs (Qwen2.5-VL, or LLaVA built without
    /// <c>--cls-attention-layers</c>) the [CLS] methods are left out (<see cref="PruningBenchmark.DefaultMethodsLeftOut"/>).
    /// </summary>
    public static IReadOnlyList<string> DefaultMethods { get; } = ["fastervlm", "vtc-cls", "fopru-rank", "visionzip", "divprune", "bipartite-merge", "uniform", "random", "pool-2x2", "pool-4x4"];

    /// <summary>Gets the budgets measured when none are given.</summary>
    public static IReadOnlyList<string> DefaultBudgets { get; } = ["100%", "50%", "25%", "11.1%", "5.6%"];

    /// <summary>Gets or sets the methods. Default null: <see cref="DefaultMethods"/> that apply to the package (plus the in-LLM methods when the package has stages).</summary>
    public IReadOnlyList<string>? Methods { get; set; }

    /// <summary>Gets or sets the budgets per method (<c>pool-*</c> methods ignore them). Default null: <see cref="DefaultBudgets"/>.</summary>
    public IReadOnlyList<VisualTokenBudget>? Budgets { get; set; }

    /// <summary>Gets or sets the image. Default null: <see cref="BenchImages.For"/> (the model's image size, or the largest image a dynamic-resolution model keeps whole).</summary>
    public ImageInput? Image { get; set; }

    /// <summary>Gets or sets the timed runs per point, at least 1. Default 7.</summary>
    public int Repeats { get => _repeats; set => _repeats = OptionChecks.AtLeast(value, 1, nameof(Repeats)); }

    /// <summary>Gets or sets the untimed warm-up runs per point, at least 0. Default 2.</summary>
    public int Warmup { get => _warmup; set => _warmup = OptionChecks.AtLeast(value, 0, nameof(Warmup)); }
}
