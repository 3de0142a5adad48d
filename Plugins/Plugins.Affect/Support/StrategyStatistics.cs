using System.Collections.Generic;

namespace Plugins.Affect.Support;

/// <summary>
/// The figures of a <see cref="StrategyLog"/>. The distribution and entropy need only predictions; accuracy, the
/// Bradley–Terry preferences and the preference bias need reference strategies and are <see langword="null"/> without
/// them (<see cref="Note"/> says which figures are available and why).
/// </summary>
public sealed record StrategyStatistics
{
    /// <summary>Gets the number of recorded choices.</summary>
    public required int Total { get; init; }

    /// <summary>Gets the count and proportion of every strategy of the set, in set order (unchosen strategies included, with 0).</summary>
    public required IReadOnlyList<StrategyCount> Distribution { get; init; }

    /// <summary>Gets the Shannon entropy of the distribution in bits, <c>-Σ q_i log2 q_i</c>; <see langword="null"/> when nothing was recorded.</summary>
    public double? EntropyBits { get; init; }

    /// <summary>Gets the entropy divided by <c>log2</c> of the number of strategies in the set (1 = uniform, 0 = one strategy only); <see langword="null"/> when nothing was recorded.</summary>
    public double? NormalizedEntropy { get; init; }

    /// <summary>Gets the number of recorded choices with a reference strategy.</summary>
    public required int WithReference { get; init; }

    /// <summary>Gets the share of choices with a reference that equal it; <see langword="null"/> without references.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Gets the Bradley–Terry preferences of the strategies that took part in a comparison (a mistaken prediction, as the predicted or the reference strategy), in set order; <see langword="null"/> when they do not exist (see <see cref="Note"/>).</summary>
    public IReadOnlyList<StrategyPreference>? Preferences { get; init; }

    /// <summary>Gets the preference bias B (the standard deviation of <see cref="Preferences"/>, Kang et al. 2024); <see langword="null"/> when the preferences do not exist.</summary>
    public double? PreferenceBias { get; init; }

    /// <summary>Gets a sentence saying which figures are available, and why any are not.</summary>
    public required string Note { get; init; }
}
