namespace Plugins.Gui.Grounding.Parsing;

/// <summary>
/// A parsed grounding answer, in pixels of the image the model saw (not CSS pixels: map them back through the
/// image's scale, e.g. <see cref="Imaging.ScaledImage.ToCss(double, double)"/>).
/// </summary>
public sealed record GroundingAnswer
{
    /// <summary>What the answer is.</summary>
    public required GroundingAnswerKind Kind { get; init; }

    /// <summary>Whether the answer is usable (not a <see cref="GroundingAnswerKind.Miss"/>).</summary>
    public bool IsHit => Kind != GroundingAnswerKind.Miss;

    /// <summary>Click point's x in image pixels (a box's centre); 0 for a mark or a miss.</summary>
    public double X { get; init; }

    /// <summary>Click point's y in image pixels (a box's centre); 0 for a mark or a miss.</summary>
    public double Y { get; init; }

    /// <summary>For a box: its left, top, right and bottom edges in image pixels; null otherwise.</summary>
    public (double Left, double Top, double Right, double Bottom)? Box { get; init; }

    /// <summary>For a mark: the mark id; null otherwise.</summary>
    public int? MarkId { get; init; }

    /// <summary>What was understood, or why the answer is a miss.</summary>
    public required string Reason { get; init; }

    /// <summary>A miss with its reason.</summary>
    public static GroundingAnswer Miss(string reason) => new() { Kind = GroundingAnswerKind.Miss, Reason = reason };
}
