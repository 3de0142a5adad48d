using System;
using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Grounding.Dom;

/// <summary>Options of <see cref="DomGrounder"/>; validated by <see cref="Validate"/>.</summary>
public sealed class DomGrounderOptions
{
    /// <summary>
    /// The best candidate's score must reach this for a hit; under it the grounder returns a miss rather than a guess.
    /// Default 0.4 (a clear match scores about 1, an unrelated candidate under 0.3).
    /// </summary>
    public double MinScore { get; set; } = 0.4;

    /// <summary>Whether to use the embedding generator given to the grounder, when there is one; default true.</summary>
    public bool UseEmbeddings { get; set; } = true;

    /// <summary>Weights and limits of the candidate matcher; defaults as documented on <see cref="CandidateMatcherOptions"/>.</summary>
    public CandidateMatcherOptions Matching { get; set; } = new();

    /// <summary>A deep copy.</summary>
    public DomGrounderOptions Clone()
    {
        var copy = (DomGrounderOptions)MemberwiseClone();
        copy.Matching = Matching.Clone();
        return copy;
    }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Matching"/> is null.</exception>
    public void Validate()
    {
        if (!(MinScore >= 0 && MinScore <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(MinScore), MinScore, "MinScore must be between 0 and 2 (default 0.4).");
        }

        if (Matching is null)
        {
            throw new ArgumentNullException(nameof(Matching), "DomGrounderOptions.Matching must be set; leave it at its default for the standard weights.");
        }

        Matching.Validate();
    }
}
