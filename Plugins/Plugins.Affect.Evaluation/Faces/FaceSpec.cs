using System.Collections.Generic;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>
/// Every drawn parameter of one face, on a 0..100 canvas. The label fixes the expression parameters (mouth, brows,
/// eyes, tears, sweat, blush, tint, wrinkles, scene cue); everything else (size, position, tilt, head shape, colours,
/// hair, ears, nose, eye style, line widths, background) varies freely.
/// </summary>
internal sealed record FaceSpec
{
    public required string Label { get; init; }

    public required int Size { get; init; }

    public required string HeadShape { get; init; }

    public required string Palette { get; init; }

    public required string Skin { get; init; }

    public required string Background { get; init; }

    public required string Background2 { get; init; }

    public required string BackgroundStyle { get; init; }

    public required string Ink { get; init; }

    public required double Line { get; init; }

    public required double CenterX { get; init; }

    public required double CenterY { get; init; }

    public required double RadiusX { get; init; }

    public required double RadiusY { get; init; }

    public required double Tilt { get; init; }

    public required string Hair { get; init; }

    public required string HairColor { get; init; }

    public required bool Ears { get; init; }

    public required string Nose { get; init; }

    public required string EyeStyle { get; init; }

    /// <summary>Mouth kind: <c>curve</c>, <c>grin</c> (open smile), <c>flat</c>, <c>shout</c>, <c>wavy</c>, <c>o</c>, <c>sneer</c>.</summary>
    public required string Mouth { get; init; }

    /// <summary>Mouth curvature -1 (deep frown) .. 1 (broad smile).</summary>
    public required double MouthCurve { get; init; }

    /// <summary>How open the mouth is, 0 (closed) .. 1.</summary>
    public required double MouthOpen { get; init; }

    public required double MouthWidth { get; init; }

    public required bool Tongue { get; init; }

    /// <summary>Brow angle in degrees: positive = inner ends down (a V, anger), negative = inner ends up (worry, sadness).</summary>
    public required double BrowAngle { get; init; }

    /// <summary>Brow height above the eyes, 0 (low) .. 1 (high).</summary>
    public required double BrowRaise { get; init; }

    public required bool BrowArched { get; init; }

    public required bool BrowAsymmetric { get; init; }

    public required double BrowWidth { get; init; }

    /// <summary>Eye openness: 0.3 (narrowed) .. 1.3 (wide).</summary>
    public required double EyeOpen { get; init; }

    /// <summary>Eye kind: <c>open</c> or <c>arc</c> (closed happy arcs).</summary>
    public required string EyeShape { get; init; }

    public required double Pupil { get; init; }

    /// <summary>Upper-lid slant: 1 inner-down (anger), -1 outer-down (sadness), 0 none.</summary>
    public required int Lid { get; init; }

    public required bool Tears { get; init; }

    public required bool Sweat { get; init; }

    public required bool Blush { get; init; }

    /// <summary>Face tint: <c>none</c>, <c>red</c> or <c>green</c>.</summary>
    public required string Tint { get; init; }

    public required bool Wrinkles { get; init; }

    /// <summary>The emotion's scene cue (<c>sun</c>, <c>balloons</c>, <c>rain</c>, <c>storm</c>, <c>ghost</c>, <c>confetti</c>, <c>gift</c>, <c>fly</c>, <c>stink</c>) or <c>none</c>.</summary>
    public required string Scene { get; init; }

    /// <summary>A label-neutral background object: <c>tree</c>, <c>cloud</c>, <c>hills</c> or <c>none</c>.</summary>
    public required string Prop { get; init; }

    public required bool SceneLeft { get; init; }

    /// <summary>Gets the style name: head shape, palette and scene, e.g. <c>oval/mint/sun</c>.</summary>
    public string Style => $"{HeadShape}/{Palette}/{Scene}";

    /// <summary>Gets the clues true of the drawn face, most telling first.</summary>
    public required IReadOnlyList<string> Clues { get; init; }
}
