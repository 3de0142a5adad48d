using System;
using System.Collections.Generic;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>
/// Draws a face's parameters for a label. Held-out faces always use at least one reserved style (the <c>squircle</c>
/// head shape or the <c>dusk</c> palette), which training faces never use.
/// </summary>
internal static class FaceDesigner
{
    /// <summary>Head shapes of training faces.</summary>
    public static readonly string[] TrainShapes = ["circle", "oval", "wide", "pear"];

    /// <summary>The head shape reserved for held-out faces.</summary>
    public const string HeldOutShape = "squircle";

    /// <summary>Background palettes of training faces: name, colour, second colour.</summary>
    public static readonly (string Name, string A, string B)[] TrainPalettes =
    [
        ("sky", "#cfe8ff", "#9ccaf5"), ("mint", "#d7f5e3", "#a6e3c1"), ("peach", "#ffe3d1", "#ffc4a3"),
        ("lavender", "#e9defc", "#cbb7f2"), ("cream", "#fbf6e4", "#efe3b8"), ("grey", "#e4e6ea", "#c4c9d1"),
    ];

    /// <summary>The palette reserved for held-out faces.</summary>
    public static readonly (string Name, string A, string B) HeldOutPalette = ("dusk", "#4b3f72", "#c46b8e");

    private static readonly string[] Skins = ["#ffd93b", "#f6d7b0", "#e8b98f", "#d9a066", "#a0673f", "#6b4226", "#f7c6c7", "#ffe9a8"];
    private static readonly string[] Inks = ["#222222", "#3b2a1a", "#1d2b4f", "#000000"];
    private static readonly string[] Hairs = ["none", "tuft", "fringe", "bun", "curls"];
    private static readonly string[] HairColors = ["#2b1b0e", "#5a3a1c", "#c8902e", "#9b3b1e", "#444444", "#d9d0c1"];
    private static readonly string[] Noses = ["none", "dot", "hook", "button"];
    private static readonly string[] BackgroundStyles = ["flat", "gradient", "dots", "stripes"];
    private static readonly string[] Props = ["none", "tree", "cloud", "hills"];

    /// <summary>The scene cues consistent with each label (neutral has none).</summary>
    public static IReadOnlyList<string> ScenesOf(string label) => label switch
    {
        FaceEmotions.Joy => ["sun", "balloons"],
        FaceEmotions.Sadness => ["rain"],
        FaceEmotions.Anger => ["storm"],
        FaceEmotions.Fear => ["ghost"],
        FaceEmotions.Surprise => ["confetti", "gift"],
        FaceEmotions.Disgust => ["fly", "stink"],
        _ => [],
    };

    public static FaceSpec Design(string label, FaceRandom r, bool heldOut)
    {
        var shape = r.Pick(TrainShapes);
        var palette = r.Pick(TrainPalettes);
        if (heldOut)
        {
            // At least one reserved style element; sometimes both.
            var which = r.Next(3);
            if (which != 1)
            {
                shape = HeldOutShape;
            }

            if (which != 0)
            {
                palette = HeldOutPalette;
            }
        }

        var rx = r.Range(26, 35);
        var ry = shape switch
        {
            "wide" => rx * r.Range(0.8, 0.9),
            "oval" or "pear" => rx * r.Range(1.08, 1.2),
            _ => rx * r.Range(0.95, 1.05),
        };
        var scenes = ScenesOf(label);
        var scene = scenes.Count > 0 && r.Chance(0.5) ? r.Pick(scenes) : "none";
        var e = Expression(label, r);
        var spec = new FaceSpec
        {
            Label = label,
            Size = 256 + (32 * r.Next(7)),
            HeadShape = shape,
            Palette = palette.Name,
            Skin = r.Pick(Skins),
            Background = palette.A,
            Background2 = palette.B,
            BackgroundStyle = r.Pick(BackgroundStyles),
            Ink = r.Pick(Inks),
            Line = r.Range(1.2, 2.6),
            CenterX = 50 + r.Range(-6, 6),
            CenterY = 54 + r.Range(-4, 4),
            RadiusX = rx,
            RadiusY = ry,
            Tilt = r.Range(-10, 10),
            Hair = r.Pick(Hairs),
            HairColor = r.Pick(HairColors),
            Ears = r.Chance(0.5),
            Nose = r.Pick(Noses),
            EyeStyle = r.Chance(0.5) ? "white" : "dot",
            Mouth = e.Mouth,
            MouthCurve = e.Curve,
            MouthOpen = e.Open,
            MouthWidth = r.Range(0.45, 0.75),
            Tongue = e.Tongue,
            BrowAngle = e.BrowAngle,
            BrowRaise = e.BrowRaise,
            BrowArched = e.Arched,
            BrowAsymmetric = e.Asymmetric,
            BrowWidth = r.Range(1.4, 3.2),
            EyeOpen = e.EyeOpen,
            EyeShape = e.EyeShape,
            Pupil = e.Pupil,
            Lid = e.Lid,
            Tears = e.Tears,
            Sweat = e.Sweat,
            Blush = e.Blush,
            Tint = e.Tint,
            Wrinkles = e.Wrinkles,
            Scene = scene,
            Prop = r.Chance(0.4) ? r.Pick(Props) : "none",
            SceneLeft = r.Chance(0.5),
            Clues = [],
        };
        return spec with { Clues = FaceClues.Of(spec) };
    }

    private static Expr Expression(string label, FaceRandom r) => label switch
    {
        FaceEmotions.Joy => r.Chance(0.4)
            ? new Expr("grin", r.Range(0.6, 1), r.Range(0.3, 0.6), false, r.Range(-5, 5), r.Range(0.4, 0.7), false, false, r.Chance(0.4) ? 0.9 : r.Range(0.6, 1), r.Chance(0.4) ? "arc" : "open", r.Range(0.45, 0.65), 0, false, false, r.Chance(0.6), "none", false)
            : new Expr("curve", r.Range(0.5, 1), 0, false, r.Range(-5, 5), r.Range(0.4, 0.7), false, false, r.Range(0.6, 1), r.Chance(0.4) ? "arc" : "open", r.Range(0.45, 0.65), 0, false, false, r.Chance(0.6), "none", false),
        FaceEmotions.Sadness => new Expr("curve", -r.Range(0.45, 1), 0, false, -r.Range(15, 30), r.Range(0.3, 0.6), false, false, r.Range(0.45, 0.7), "open", r.Range(0.45, 0.65), -1, r.Chance(0.6), false, false, "none", false),
        FaceEmotions.Anger => r.Chance(0.3)
            ? new Expr("shout", -r.Range(0.2, 0.5), r.Range(0.35, 0.6), false, r.Range(18, 35), r.Range(0.0, 0.25), false, false, r.Range(0.35, 0.6), "open", r.Range(0.45, 0.65), 1, false, false, false, r.Chance(0.5) ? "red" : "none", false)
            : new Expr("flat", -r.Range(0.1, 0.4), 0, false, r.Range(18, 35), r.Range(0.0, 0.25), false, false, r.Range(0.35, 0.6), "open", r.Range(0.45, 0.65), 1, false, false, false, r.Chance(0.5) ? "red" : "none", false),
        FaceEmotions.Fear => new Expr("wavy", -r.Range(0.05, 0.3), r.Range(0.3, 0.6), false, -r.Range(10, 25), r.Range(0.75, 1), false, false, r.Range(1.05, 1.3), "open", r.Range(0.2, 0.32), 0, false, r.Chance(0.6), false, "none", false),
        FaceEmotions.Surprise => new Expr("o", 0, r.Range(0.6, 1), false, r.Range(-3, 3), r.Range(0.85, 1), true, false, r.Range(1.05, 1.3), "open", r.Range(0.45, 0.65), 0, false, false, false, "none", false),
        FaceEmotions.Disgust => new Expr("sneer", -r.Range(0.3, 0.6), 0, r.Chance(0.4), r.Range(8, 18), r.Range(0.2, 0.45), false, true, r.Range(0.3, 0.55), "open", r.Range(0.45, 0.65), 0, false, false, false, r.Chance(0.4) ? "green" : "none", r.Chance(0.7)),
        FaceEmotions.Neutral => new Expr("flat", r.Range(-0.08, 0.08), 0, false, r.Range(-4, 4), r.Range(0.3, 0.5), false, false, r.Range(0.65, 0.9), "open", r.Range(0.45, 0.65), 0, false, false, false, "none", false),
        _ => throw new ArgumentException($"The label '{label}' is not a face emotion; use one of: {string.Join(", ", FaceEmotions.Labels)}.", nameof(label)),
    };

    private sealed record Expr(
        string Mouth, double Curve, double Open, bool Tongue, double BrowAngle, double BrowRaise, bool Arched, bool Asymmetric,
        double EyeOpen, string EyeShape, double Pupil, int Lid, bool Tears, bool Sweat, bool Blush, string Tint, bool Wrinkles);
}
