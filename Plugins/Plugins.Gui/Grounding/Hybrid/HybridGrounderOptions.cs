using System;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Imaging;

namespace Plugins.Gui.Grounding.Hybrid;

/// <summary>Options of <see cref="HybridGrounder"/>; validated by <see cref="Validate"/>.</summary>
public sealed class HybridGrounderOptions
{
    /// <summary>The most marks drawn and offered to the model (the best by the matcher when one is given, else DOM candidates first, interactive ones first): 20 by default; from 1 to 200.</summary>
    public int MaxMarks { get; set; } = 20;

    /// <summary>
    /// Whether the chosen marks are numbered in reading order (top to bottom, then left to right) instead of the
    /// matcher's rank order: false by default. With rank order the matcher's best guess is always mark 1, so a model
    /// can answer "mark 1" without reading the screen; reading order makes the model choose. Use the setting a model
    /// was trained with (the embedded default model: true).
    /// </summary>
    public bool NumberMarksInReadingOrder { get; set; }

    /// <summary>OCR candidates per line: 0 (the default) offers whole lines only; N also offers spans of up to N words.</summary>
    public int OcrSpanWords { get; set; }

    /// <summary>
    /// An OCR candidate is dropped as a duplicate when at least this share of its box lies inside a DOM candidate's box
    /// and its text is similar to the DOM candidate's: 0.7 by default; from 0 to 1.
    /// </summary>
    public double DuplicateOverlap { get; set; } = 0.7;

    /// <summary>The longest side of the image sent to the model, in pixels: 1024 by default; from 64 to 4096.</summary>
    public int LongestSide { get; set; } = 1024;

    /// <summary>
    /// How the model writes a point answer: <see cref="CoordinateConventions.Grid999"/> by default; see
    /// <see cref="Vision.VisionGrounderOptions.Coordinates"/>. Shared by copies (conventions are stateless).
    /// </summary>
    public ICoordinateConvention Coordinates { get; set; } = CoordinateConventions.Grid999;

    /// <summary>Sampling temperature used when the request's chat options leave it unset: 0 by default.</summary>
    public float Temperature { get; set; }

    /// <summary>Answer length limit used when the request's chat options leave it unset: 24 tokens by default; from 4 to 4096.</summary>
    public int MaxOutputTokens { get; set; } = 24;

    /// <summary>
    /// What happens when the model's answer is malformed (or names no offered mark): with true, the matcher's best
    /// candidate is answered and the result's reason starts with "Fallback to matcher", so an evaluation can count it;
    /// with false it is a miss. Null (the default) means true when a matcher was given to the grounder, else false.
    /// </summary>
    public bool? FallbackToMatcher { get; set; }

    /// <summary>The matcher's best score must reach this for a fallback hit: 0.45 by default; from 0 to 2.</summary>
    public double FallbackMinScore { get; set; } = 0.45;

    /// <summary>How marks are drawn; defaults as documented on <see cref="SetOfMarkOptions"/>.</summary>
    public SetOfMarkOptions Marks { get; set; } = new();

    /// <summary>When tall or wide screens are split for OCR; defaults as documented on <see cref="ScreenTilerOptions"/>.</summary>
    public ScreenTilerOptions Tiling { get; set; } = new();

    /// <summary>A copy (nested options copied too).</summary>
    public HybridGrounderOptions Clone()
    {
        var copy = (HybridGrounderOptions)MemberwiseClone();
        copy.Marks = new SetOfMarkOptions { StrokeWidth = Marks.StrokeWidth, LabelTextSize = Marks.LabelTextSize };
        copy.Tiling = new ScreenTilerOptions { AspectRatioThreshold = Tiling.AspectRatioThreshold, Overlap = Tiling.Overlap, MaxTiles = Tiling.MaxTiles };
        return copy;
    }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxMarks is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMarks), MaxMarks, "HybridGrounderOptions.MaxMarks must be between 1 and 200 (default 20).");
        }

        if (OcrSpanWords is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(OcrSpanWords), OcrSpanWords, "HybridGrounderOptions.OcrSpanWords must be between 0 and 20 (default 0).");
        }

        if (!(DuplicateOverlap is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateOverlap), DuplicateOverlap, "HybridGrounderOptions.DuplicateOverlap must be between 0 and 1 (default 0.7).");
        }

        if (LongestSide is < 64 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(LongestSide), LongestSide, "HybridGrounderOptions.LongestSide must be between 64 and 4096 (default 1024).");
        }

        if (!(Temperature is >= 0 and <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "HybridGrounderOptions.Temperature must be between 0 and 2 (default 0).");
        }

        if (MaxOutputTokens is < 4 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "HybridGrounderOptions.MaxOutputTokens must be between 4 and 4096 (default 24).");
        }

        if (!(FallbackMinScore is >= 0 and <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(FallbackMinScore), FallbackMinScore, "HybridGrounderOptions.FallbackMinScore must be between 0 and 2 (default 0.45).");
        }

        ArgumentNullException.ThrowIfNull(Coordinates, nameof(Coordinates));
        ArgumentNullException.ThrowIfNull(Marks, nameof(Marks));
        ArgumentNullException.ThrowIfNull(Tiling, nameof(Tiling));
        Marks.Validate();
        Tiling.Validate();
    }
}
