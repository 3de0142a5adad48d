using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Plugins.Affect.Support;

/// <summary>
/// A thread-safe log of chosen support strategies, each optionally with the reference (gold) strategy, as in an
/// evaluation. <see cref="Statistics"/> reports the distribution (count and proportion per strategy), the Shannon
/// entropy (bits, and normalised by <c>log2</c> of the number of strategies), and, when references were recorded,
/// accuracy, the Bradley–Terry strategy preferences and the preference bias B of Kang et al. (ACL 2024, "Can Large
/// Language Models be Good Emotional Supporter? Mitigating Preference Bias on Emotional Support Conversation"),
/// computed from the confusion matrix of (predicted, reference) pairs by <see cref="StrategyMetrics"/>.
/// </summary>
public sealed class StrategyLog
{
    private readonly object _gate = new();
    private readonly int[] _counts;
    private readonly double[,] _confusion;
    private readonly double _pseudoCount;
    private int _total;
    private int _withReference;
    private int _correct;

    /// <summary>Creates an empty log.</summary>
    /// <param name="strategies">The strategies that may be recorded. Default <see cref="SupportStrategySet.Default"/>.</param>
    /// <param name="preferencePseudoCount">Added to every off-diagonal confusion entry before the Bradley–Terry fit (so the preferences always exist); a departure from the paper. Default 0.</param>
    public StrategyLog(SupportStrategySet? strategies = null, double preferencePseudoCount = 0)
    {
        if (preferencePseudoCount < 0 || !double.IsFinite(preferencePseudoCount))
        {
            throw new ArgumentOutOfRangeException(nameof(preferencePseudoCount), preferencePseudoCount, "The pseudo-count must be a finite number >= 0.");
        }

        Strategies = strategies ?? SupportStrategySet.Default;
        _counts = new int[Strategies.All.Count];
        _confusion = new double[_counts.Length, _counts.Length];
        _pseudoCount = preferencePseudoCount;
    }

    /// <summary>Gets the strategies of the log.</summary>
    public SupportStrategySet Strategies { get; }

    /// <summary>Gets the number of recorded choices.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Records one choice.</summary>
    /// <param name="predicted">The chosen strategy's name.</param>
    /// <param name="reference">The reference strategy's name when known. Default none.</param>
    /// <exception cref="ArgumentException">A name is not in <see cref="Strategies"/>.</exception>
    public void Record(string predicted, string? reference = null)
    {
        var p = Index(predicted, nameof(predicted));
        var r = reference is null ? -1 : Index(reference, nameof(reference));
        lock (_gate)
        {
            _counts[p]++;
            _total++;
            if (r >= 0)
            {
                _confusion[p, r]++;
                _withReference++;
                if (p == r)
                {
                    _correct++;
                }
            }
        }
    }

    /// <summary>Forgets every record.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_counts);
            Array.Clear(_confusion);
            _total = _withReference = _correct = 0;
        }
    }

    /// <summary>The figures of the records so far (a consistent snapshot).</summary>
    /// <returns>The distribution, entropy and, with references, accuracy, preferences and preference bias.</returns>
    public StrategyStatistics Statistics()
    {
        int[] counts;
        double[,] confusion;
        int total, withReference, correct;
        lock (_gate)
        {
            counts = (int[])_counts.Clone();
            confusion = (double[,])_confusion.Clone();
            total = _total;
            withReference = _withReference;
            correct = _correct;
        }

        var names = Strategies.Names;
        var distribution = names.Select((name, i) => new StrategyCount(name, counts[i], total == 0 ? 0 : counts[i] / (double)total)).ToList();
        double? entropy = total == 0 ? null : StrategyMetrics.EntropyBits(counts);
        double? normalized = entropy / Math.Log2(names.Count);

        IReadOnlyList<StrategyPreference>? preferences = null;
        double? bias = null;
        string note;
        if (total == 0)
        {
            note = "Nothing recorded yet: no figures.";
        }
        else if (withReference == 0)
        {
            note = "Predictions only: the distribution and entropy are available; accuracy, the Bradley-Terry preferences and the preference bias need reference strategies (record them, e.g. in an evaluation).";
        }
        else
        {
            (preferences, bias, note) = Preferences(confusion, names, withReference);
        }

        return new StrategyStatistics
        {
            Total = total,
            Distribution = distribution,
            EntropyBits = entropy,
            NormalizedEntropy = normalized,
            WithReference = withReference,
            Accuracy = withReference == 0 ? null : correct / (double)withReference,
            Preferences = preferences,
            PreferenceBias = bias,
            Note = note,
        };
    }

    private (IReadOnlyList<StrategyPreference>? Preferences, double? Bias, string Note) Preferences(double[,] confusion, IReadOnlyList<string> names, int withReference)
    {
        // The strategies in a comparison: a mistaken prediction (off-diagonal entry) as predicted or reference; all with a pseudo-count.
        var n = names.Count;
        var members = Enumerable.Range(0, n)
            .Where(i => _pseudoCount > 0 || Enumerable.Range(0, n).Any(j => j != i && (confusion[i, j] > 0 || confusion[j, i] > 0)))
            .ToList();
        var sub = new double[members.Count, members.Count];
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = 0; b < members.Count; b++)
            {
                sub[a, b] = confusion[members[a], members[b]];
            }
        }

        var fitted = members.Count < 2 ? null : StrategyMetrics.BradleyTerryPreferences(sub, _pseudoCount);
        if (fitted is null)
        {
            var why = members.Count < 2
                ? "every prediction with a reference was correct, so no strategy was compared with another"
                : "the comparison graph is not strongly connected (some strategy is never predicted in place of, or never replaced by, the others), so the Bradley-Terry maximum-likelihood preferences do not exist; record more references or set a pseudo-count";
            return (null, null, string.Create(CultureInfo.InvariantCulture, $"{withReference} choice(s) with a reference: distribution, entropy and accuracy available; preferences and preference bias unavailable: {why}."));
        }

        var preferences = members.Select((m, k) => new StrategyPreference(names[m], fitted[k])).ToList();
        var note = string.Create(CultureInfo.InvariantCulture, $"{withReference} choice(s) with a reference: every figure available; preferences over the {members.Count} strategies compared (Bradley-Terry, Kang et al. 2024).");
        return (preferences, StrategyMetrics.PreferenceBias(fitted), note);
    }

    private int Index(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        var i = Strategies.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"'{name}' is not a support strategy; use one of {string.Join(", ", Strategies.Names)}.", parameterName);
    }
}
