using System;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Weights and limits of <see cref="CandidateMatcher"/>. The defaults were tuned on the hand-written mail and shop
/// pages and the generated pages; each is validated by <see cref="Validate"/>.
/// </summary>
public sealed class CandidateMatcherOptions
{
    /// <summary>Weight of lexical similarity in the text score when embeddings are used; default 0.65. The lexical score alone is the text score otherwise.</summary>
    public double LexicalWeight { get; set; } = 0.65;

    /// <summary>Weight of embedding similarity in the text score; default 0.35.</summary>
    public double EmbeddingWeight { get; set; } = 0.35;

    /// <summary>
    /// The text score is at least the embedding score times this, so that a paraphrase sharing no words with the
    /// candidate ("the padlock" for "Privacy") can still win; default 0.8.
    /// </summary>
    public double EmbeddingOnlyWeight { get; set; } = 0.8;

    /// <summary>
    /// Weight of the role fit when the instruction names a role: a fitting role adds up to this, a role that does not
    /// fit subtracts it; default 0.2 (half for a role only implied by the verb).
    /// </summary>
    public double RoleWeight { get; set; } = 0.2;

    /// <summary>Added when the candidate's background (or, 70% of it, text) colour is the colour named; default 0.3.</summary>
    public double ColorWeight { get; set; } = 0.3;

    /// <summary>Added, times the fit, to candidates near the position named ("top right"); default 0.3.</summary>
    public double PositionWeight { get; set; } = 0.3;

    /// <summary>Added to interactive candidates when the instruction has an action verb; default 0.05.</summary>
    public double InteractiveBonus { get; set; } = 0.05;

    /// <summary>Subtracted from non-interactive DOM candidates when the instruction has an action verb; default 0.1.</summary>
    public double NonInteractivePenalty { get; set; } = 0.1;

    /// <summary>
    /// Candidates within this much of the best form the group that an ordinal ("second") counts in, in reading order;
    /// default 0.06.
    /// </summary>
    public double OrdinalMargin { get; set; } = 0.06;

    /// <summary>Candidates within this much of the best form the group that position words choose among; default 0.2.</summary>
    public double PositionMargin { get; set; } = 0.2;

    /// <summary>At most this many candidates (the best by lexical and role scores) are embedded per call; default 32.</summary>
    public int MaxEmbeddedCandidates { get; set; } = 32;

    /// <summary>Candidate descriptions longer than this many characters are cut before embedding; default 80.</summary>
    public int MaxDescriptionLength { get; set; } = 80;

    /// <summary>Embeddings (and text features) kept between calls, keyed by their text; default 4096.</summary>
    public int CacheCapacity { get; set; } = 4096;

    /// <summary>
    /// Skip the embedding call when some candidate's lexical score already reaches this (an exact, synonym or strong
    /// prefix match), since the embedding would hardly change the ranking; default 0.9. Set above 1 to always embed.
    /// </summary>
    public double SkipEmbeddingsAboveLexical { get; set; } = 0.9;

    /// <summary>Cosine similarity mapped to an embedding score of 0; default 0.2.</summary>
    public double EmbeddingFloor { get; set; } = 0.2;

    /// <summary>Cosine similarity mapped to an embedding score of 1; default 0.8.</summary>
    public double EmbeddingCeiling { get; set; } = 0.8;

    /// <summary>A copy.</summary>
    public CandidateMatcherOptions Clone() => (CandidateMatcherOptions)MemberwiseClone();

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it and its range.</exception>
    public void Validate()
    {
        NonNegative(LexicalWeight, nameof(LexicalWeight));
        NonNegative(EmbeddingWeight, nameof(EmbeddingWeight));
        NonNegative(RoleWeight, nameof(RoleWeight));
        NonNegative(EmbeddingOnlyWeight, nameof(EmbeddingOnlyWeight));
        NonNegative(ColorWeight, nameof(ColorWeight));
        NonNegative(PositionWeight, nameof(PositionWeight));
        NonNegative(InteractiveBonus, nameof(InteractiveBonus));
        NonNegative(NonInteractivePenalty, nameof(NonInteractivePenalty));
        NonNegative(OrdinalMargin, nameof(OrdinalMargin));
        NonNegative(PositionMargin, nameof(PositionMargin));
        NonNegative(SkipEmbeddingsAboveLexical, nameof(SkipEmbeddingsAboveLexical));
        if (LexicalWeight + EmbeddingWeight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LexicalWeight), LexicalWeight, "LexicalWeight + EmbeddingWeight must be positive; the defaults are 0.65 and 0.35.");
        }

        if (MaxEmbeddedCandidates < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEmbeddedCandidates), MaxEmbeddedCandidates, "MaxEmbeddedCandidates must be 0 or more (default 32).");
        }

        if (MaxDescriptionLength < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDescriptionLength), MaxDescriptionLength, "MaxDescriptionLength must be at least 8 characters (default 80).");
        }

        if (CacheCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "CacheCapacity must be 0 or more (default 4096).");
        }

        if (!(EmbeddingFloor >= -1 && EmbeddingCeiling <= 1 && EmbeddingFloor < EmbeddingCeiling))
        {
            throw new ArgumentOutOfRangeException(nameof(EmbeddingFloor), EmbeddingFloor, $"EmbeddingFloor and EmbeddingCeiling must satisfy -1 <= floor < ceiling <= 1 (got {EmbeddingFloor} and {EmbeddingCeiling}; defaults 0.2 and 0.8).");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number of 0 or more.");
        }
    }
}
