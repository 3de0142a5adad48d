using System.Collections.Generic;

namespace Plugins.Affect.Text;

/// <summary>
/// VADER's scores for one text: the proportions of negative, neutral and positive sentiment (they sum to about 1)
/// and the normalised compound score in [-1, 1], plus the words that drove them.
/// </summary>
public sealed record SentimentScores
{
    /// <summary>Gets the negative proportion (VADER <c>neg</c>), 0..1, rounded to 3 decimals as the original does.</summary>
    public required double Negative { get; init; }

    /// <summary>Gets the neutral proportion (VADER <c>neu</c>), 0..1, rounded to 3 decimals.</summary>
    public required double Neutral { get; init; }

    /// <summary>Gets the positive proportion (VADER <c>pos</c>), 0..1, rounded to 3 decimals.</summary>
    public required double Positive { get; init; }

    /// <summary>Gets the compound score (VADER <c>compound</c>), -1 (most negative) .. 1 (most positive), rounded to 4 decimals.</summary>
    public required double Compound { get; init; }

    /// <summary>Gets the words with a non-zero valence, in text order: what drove the score.</summary>
    public IReadOnlyList<SentimentDriver> Drivers { get; init; } = [];
}
