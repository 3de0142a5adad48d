using System;

namespace Plugins.Affect.Emotions;

/// <summary>Options of <see cref="EmotionHintProvider"/>.</summary>
public sealed class EmotionHintOptions
{
    /// <summary>Gets or sets the most candidate emotions proposed (1..16). Default 3.</summary>
    public int MaxCandidates { get; set; } = 3;

    /// <summary>Gets or sets the most cue words offered (1..32). Default 8.</summary>
    public int MaxCueWords { get; set; } = 8;

    /// <summary>
    /// Gets or sets how many words before a cue are searched for a negator (<c>not</c>, <c>no</c>, <c>never</c>,
    /// <c>n't</c>, <c>without</c>, ...), within its clause (0..5; 0 = negation ignored). Default 3, as VADER.
    /// </summary>
    public int NegationWindow { get; set; } = 3;

    /// <summary>
    /// Gets or sets the factor applied to a candidate whose polarity agrees with the analyzer's (the opposite one gets
    /// its reciprocal; mixed labels and a neutral score are left alone), 1..4. Default 1.5.
    /// </summary>
    public double PolarityFactor { get; set; } = 1.5;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCandidates, 1, nameof(MaxCandidates));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCandidates, 16, nameof(MaxCandidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCueWords, 1, nameof(MaxCueWords));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCueWords, 32, nameof(MaxCueWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(NegationWindow, 0, nameof(NegationWindow));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(NegationWindow, 5, nameof(NegationWindow));
        if (!(PolarityFactor >= 1 && PolarityFactor <= 4))
        {
            throw new ArgumentOutOfRangeException(nameof(PolarityFactor), PolarityFactor, "PolarityFactor must be in 1..4 (1 = polarity ignored).");
        }
    }
}
