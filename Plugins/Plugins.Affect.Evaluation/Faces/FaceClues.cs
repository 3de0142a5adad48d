using System.Collections.Generic;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>The short clue strings true of a drawn face: mouth, brows, then the telling extras, eyes and scene.</summary>
internal static class FaceClues
{
    public static IReadOnlyList<string> Of(FaceSpec s)
    {
        var clues = new List<string>
        {
            s.Mouth switch
            {
                "grin" => "open smile",
                "curve" when s.MouthCurve > 0 => "upturned mouth",
                "curve" => "downturned mouth",
                "shout" => "shouting mouth",
                "wavy" => "wavy open mouth",
                "o" => "round open mouth",
                "sneer" => s.Tongue ? "tongue out" : "sneering mouth",
                _ when s.MouthCurve < -0.09 => "tight frown",
                _ => "straight mouth",
            },
            s.BrowAsymmetric ? "one brow lowered"
                : s.BrowArched ? "high arched brows"
                : s.BrowAngle > 12 ? "brows angled down"
                : s.BrowAngle < -8 && s.BrowRaise > 0.7 ? "raised worried brows"
                : s.BrowAngle < -8 ? "inner brows raised"
                : s.BrowRaise > 0.38 ? "relaxed raised brows" : "level brows",
        };
        if (s.Tears)
        {
            clues.Add("tears");
        }

        if (s.Sweat)
        {
            clues.Add("sweat drop");
        }

        if (s.Blush)
        {
            clues.Add("rosy cheeks");
        }

        if (s.Tint != "none")
        {
            clues.Add(s.Tint + " face");
        }

        if (s.Wrinkles)
        {
            clues.Add("wrinkled nose");
        }

        clues.Add(s.EyeShape == "arc" ? "smiling eyes"
            : s.EyeOpen >= 1.05 ? "wide eyes"
            : s.Lid < 0 ? "droopy eyes"
            : s.EyeOpen < 0.6 ? "narrowed eyes"
            : "calm eyes");
        var scene = s.Scene switch
        {
            "sun" => "sunshine",
            "balloons" => "balloons",
            "rain" => "rain cloud",
            "storm" => "storm cloud",
            "ghost" => "ghost",
            "confetti" => "confetti",
            "gift" => "gift box",
            "fly" => "buzzing fly",
            "stink" => "stink lines",
            _ => null,
        };
        if (scene is not null)
        {
            clues.Add(scene);
        }

        return clues.AsReadOnly();
    }
}
