namespace Plugins.Gui.Grounding.Parsing;

/// <summary>What a model's grounding answer turned out to be.</summary>
public enum GroundingAnswerKind
{
    /// <summary>Nothing usable: malformed, out of range, ambiguous or empty; <see cref="GroundingAnswer.Reason"/> says why.</summary>
    Miss,

    /// <summary>A point <c>(x,y)</c> on the 0-999 grid.</summary>
    Point,

    /// <summary>A box <c>[x1,y1,x2,y2]</c> (or <c>(x1,y1),(x2,y2)</c>) on the 0-999 grid; its centre is the click point.</summary>
    Box,

    /// <summary>The id of an offered set-of-mark candidate.</summary>
    Mark,
}
