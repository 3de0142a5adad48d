namespace Plugins.Affect.Visual;

/// <summary>An overall sentiment polarity, given as a hint to the visual emotion reader (II-Bench found such hints raise accuracy).</summary>
public enum SentimentPolarity
{
    /// <summary>Positive.</summary>
    Positive,

    /// <summary>Negative.</summary>
    Negative,

    /// <summary>Neutral.</summary>
    Neutral,
}
