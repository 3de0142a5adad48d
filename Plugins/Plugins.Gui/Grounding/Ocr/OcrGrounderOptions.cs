using System;
using Plugins.Gui.Grounding.Matching;
using Plugins.Gui.Imaging;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>Options of <see cref="OcrGrounder"/>; validated by <see cref="Validate"/>.</summary>
public sealed class OcrGrounderOptions
{
    /// <summary>
    /// The best candidate's score must reach this for a hit; under it the grounder returns a miss rather than a guess.
    /// Default 0.5 (an exact text match scores about 1; an OCR misspelling such as "Biue" for "Blue" about 0.6).
    /// </summary>
    public double MinScore { get; set; } = 0.5;

    /// <summary>Longest span of consecutive words, within a line, offered as a candidate besides whole lines: 6 by default; from 1 to 20.</summary>
    public int MaxSpanWords { get; set; } = 6;

    /// <summary>When tall or wide screens are split into tiles (Ferret-UI); defaults as documented on <see cref="ScreenTilerOptions"/>.</summary>
    public ScreenTilerOptions Tiling { get; set; } = new();

    /// <summary>
    /// A best match whose box is lower than this many CSS pixels gets a zoomed second pass (the region around it is
    /// cropped, enlarged by <see cref="ZoomScale"/> and read again, to refine the box): 10 by default; 0 turns it off.
    /// </summary>
    public double ZoomBelowHeight { get; set; } = 10;

    /// <summary>Enlargement of the zoomed second pass: 3 by default; from 1.5 to 8.</summary>
    public double ZoomScale { get; set; } = 3;

    /// <summary>How many screenshots' OCR results are remembered (same bytes, same result): 16 by default; at least 1.</summary>
    public int CacheCapacity { get; set; } = 16;

    /// <summary>Weights and limits of the candidate matcher; defaults as documented on <see cref="CandidateMatcherOptions"/>.</summary>
    public CandidateMatcherOptions Matching { get; set; } = new();

    /// <summary>A deep copy.</summary>
    public OcrGrounderOptions Clone()
    {
        var copy = (OcrGrounderOptions)MemberwiseClone();
        copy.Matching = Matching.Clone();
        copy.Tiling = new ScreenTilerOptions { AspectRatioThreshold = Tiling.AspectRatioThreshold, Overlap = Tiling.Overlap, MaxTiles = Tiling.MaxTiles };
        return copy;
    }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Matching"/> or <see cref="Tiling"/> is null.</exception>
    public void Validate()
    {
        if (!(MinScore is >= 0 and <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(MinScore), MinScore, "OcrGrounderOptions.MinScore must be between 0 and 2 (default 0.5).");
        }

        if (MaxSpanWords is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSpanWords), MaxSpanWords, "OcrGrounderOptions.MaxSpanWords must be between 1 and 20 (default 6).");
        }

        if (!(ZoomBelowHeight is >= 0 and <= 200))
        {
            throw new ArgumentOutOfRangeException(nameof(ZoomBelowHeight), ZoomBelowHeight, "OcrGrounderOptions.ZoomBelowHeight must be between 0 (off) and 200 (default 10).");
        }

        if (!(ZoomScale is >= 1.5 and <= 8))
        {
            throw new ArgumentOutOfRangeException(nameof(ZoomScale), ZoomScale, "OcrGrounderOptions.ZoomScale must be between 1.5 and 8 (default 3).");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "OcrGrounderOptions.CacheCapacity must be at least 1 (default 16).");
        }

        ArgumentNullException.ThrowIfNull(Matching, nameof(Matching));
        ArgumentNullException.ThrowIfNull(Tiling, nameof(Tiling));
        Matching.Validate();
        Tiling.Validate();
    }
}
