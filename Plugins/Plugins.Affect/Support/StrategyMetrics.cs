using System;
using System.Collections.Generic;
using System.Linq;

namespace Plugins.Affect.Support;

/// <summary>
/// The strategy-distribution figures: Shannon entropy, Bradley–Terry strategy preferences and the preference bias of
/// Kang et al. (ACL 2024, "Can Large Language Models be Good Emotional Supporter? Mitigating Preference Bias on
/// Emotional Support Conversation", arXiv:2402.13211). Pure functions; thread-safe.
/// </summary>
public static class StrategyMetrics
{
    /// <summary>The iteration stops when no preference moves by more than this (after normalisation).</summary>
    public const double Tolerance = 1e-12;

    /// <summary>The iteration stops after this many rounds at most.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>Shannon entropy in bits: <c>H = -Σ q_i log2 q_i</c> with <c>q_i = c_i / Σ c</c> (zero counts add nothing).</summary>
    /// <param name="counts">Non-negative counts, one per strategy.</param>
    /// <returns>The entropy in bits; 0 when all counts are in one strategy or every count is zero.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static double EntropyBits(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Any(c => c < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(counts), "Counts must be non-negative.");
        }

        double total = counts.Sum();
        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var q = count / total;
                entropy -= q * Math.Log2(q);
            }
        }

        return entropy;
    }

    /// <summary>
    /// Strategy preferences by the Bradley–Terry model, as Kang et al. (2024) define them: <c>w[i, j]</c> is the number of
    /// times strategy <c>i</c> was predicted when the reference was <c>j</c> (strategy <c>i</c> "wins" against <c>j</c>);
    /// the diagonal (correct predictions) takes no part. Starting from <c>p_i = 1</c>, the maximum-likelihood preferences
    /// are found with Newman's (2023) iteration,
    /// <c>p_i ← Σ_{j≠i} w_ij p_j / (p_i + p_j) ÷ Σ_{j≠i} w_ji / (p_i + p_j)</c> (updated in place, strategy by strategy), which has the same fixed point as
    /// Zermelo's and Hunter's MM iteration; after each round the preferences are normalised to a geometric mean of 1
    /// (<c>Π p_i = 1</c>), so 1 is a neutral preference. The maximum exists only when the comparison graph (an edge
    /// <c>i → j</c> when <c>i</c> beat <c>j</c>) is strongly connected; <paramref name="pseudoCount"/> &gt; 0 adds that
    /// many wins to every off-diagonal pair, which guarantees it (a departure from the paper, 0 by default).
    /// </summary>
    /// <param name="wins">The square confusion matrix: rows are predicted strategies, columns reference strategies.</param>
    /// <param name="pseudoCount">Added to each off-diagonal entry. Default 0 (the paper's estimate).</param>
    /// <returns>The preferences, one per row; <see langword="null"/> when there are fewer than two strategies or the comparison graph is not strongly connected (some strategy never wins, or never loses, against the rest).</returns>
    /// <exception cref="ArgumentException">The matrix is not square, or an entry or the pseudo-count is negative or not finite.</exception>
    public static double[]? BradleyTerryPreferences(double[,] wins, double pseudoCount = 0)
    {
        ArgumentNullException.ThrowIfNull(wins);
        var n = wins.GetLength(0);
        if (wins.GetLength(1) != n)
        {
            throw new ArgumentException($"The confusion matrix must be square; it is {n} x {wins.GetLength(1)}.", nameof(wins));
        }

        if (pseudoCount < 0 || !double.IsFinite(pseudoCount))
        {
            throw new ArgumentOutOfRangeException(nameof(pseudoCount), pseudoCount, "The pseudo-count must be a finite number >= 0.");
        }

        var w = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var value = wins[i, j];
                if (value < 0 || !double.IsFinite(value))
                {
                    throw new ArgumentException($"The confusion matrix entry [{i}, {j}] is {value}; entries must be finite counts >= 0.", nameof(wins));
                }

                w[i, j] = i == j ? 0 : value + pseudoCount;
            }
        }

        if (n < 2 || !StronglyConnected(w))
        {
            return null;
        }

        var p = Enumerable.Repeat(1.0, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // In place (each update uses the ones before it in this round): the simultaneous form
            // can oscillate (with two strategies it alternates between two ratios forever).
            Array.Copy(p, next, n);
            for (var i = 0; i < n; i++)
            {
                double numerator = 0, denominator = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    var sum = next[i] + next[j];
                    numerator += w[i, j] * next[j] / sum;
                    denominator += w[j, i] / sum;
                }

                next[i] = numerator / denominator;
            }

            var geometricMean = Math.Exp(next.Average(Math.Log));
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var normalised = next[i] / geometricMean;
                change = Math.Max(change, Math.Abs(normalised - p[i]));
                p[i] = normalised;
            }

            if (change < Tolerance)
            {
                break;
            }
        }

        return p;
    }

    /// <summary>
    /// The preference bias B of Kang et al. (2024): the standard deviation of the strategy preferences,
    /// <c>B = sqrt(Σ_i (p_i - p̄)² / N)</c> (population form, <c>p̄</c> their mean, N the number of strategies). 0 means no
    /// strategy is preferred over another; larger is more biased.
    /// </summary>
    /// <param name="preferences">The preferences (from <see cref="BradleyTerryPreferences"/>).</param>
    /// <returns>B.</returns>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public static double PreferenceBias(IReadOnlyList<double> preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.Count == 0)
        {
            throw new ArgumentException("The preference bias needs at least one preference.", nameof(preferences));
        }

        var mean = preferences.Average();
        return Math.Sqrt(preferences.Sum(p => (p - mean) * (p - mean)) / preferences.Count);
    }

    private static bool StronglyConnected(double[,] w)
    {
        var n = w.GetLength(0);
        return Reaches(w, n, forward: true) && Reaches(w, n, forward: false);
    }

    private static bool Reaches(double[,] w, int n, bool forward)
    {
        var seen = new bool[n];
        var stack = new Stack<int>();
        stack.Push(0);
        seen[0] = true;
        var count = 1;
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            for (var j = 0; j < n; j++)
            {
                if (!seen[j] && (forward ? w[i, j] : w[j, i]) > 0)
                {
                    seen[j] = true;
                    count++;
                    stack.Push(j);
                }
            }
        }

        return count == n;
    }
}
