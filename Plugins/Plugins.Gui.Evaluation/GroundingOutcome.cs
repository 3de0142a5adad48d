using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation;

/// <summary>One evaluated record: the target box, the grounder's point (or a miss), whether it is right, and the time.</summary>
public sealed record GroundingOutcome
{
    /// <summary>The task id (page tasks) or the image file name with the record's index (ScreenSpot).</summary>
    public required string Id { get; init; }

    /// <summary>The instruction.</summary>
    public required string Instruction { get; init; }

    /// <summary><c>text</c> or <c>icon</c>.</summary>
    public required string Split { get; init; }

    /// <summary>The page (relative to the data file) or the image file.</summary>
    public required string Source { get; init; }

    /// <summary>The target's box in viewport CSS pixels (image pixels for ScreenSpot).</summary>
    public required CssRect Target { get; init; }

    /// <summary>The grounder's point; null on a miss.</summary>
    public CssPoint? Point { get; init; }

    /// <summary>Whether the point lies inside <see cref="Target"/> (edges included). A miss is never correct.</summary>
    public bool Correct { get; init; }

    /// <summary>Whether the grounder answered no point (nothing found, or a malformed model answer).</summary>
    public bool Miss => Point is null;

    /// <summary>The grounder's confidence.</summary>
    public double Confidence { get; init; }

    /// <summary>The grounder's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>The model's raw answer, for model-backed grounders.</summary>
    public string? RawAnswer { get; init; }

    /// <summary>Milliseconds spent in the grounder call alone (not page load, scrolling or observation).</summary>
    public double Milliseconds { get; init; }

    /// <summary>The screenshot the grounder saw; null unless kept.</summary>
    public PageScreenshot? Screenshot { get; init; }
}
