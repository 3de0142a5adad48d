using System;
using System.Globalization;
using System.Text;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>Writes a <see cref="FaceSpec"/> as an SVG document (viewBox 0..100, drawn at the spec's pixel size).</summary>
internal static class FaceSvg
{
    public static string Render(FaceSpec s)
    {
        var b = new StringBuilder(4096);
        b.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{s.Size}\" height=\"{s.Size}\" viewBox=\"0 0 100 100\">"));
        b.Append(F($"<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"{s.Background}\"/><stop offset=\"1\" stop-color=\"{s.Background2}\"/></linearGradient>"));
        b.Append(F($"<pattern id=\"dots\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{s.Background}\"/><circle cx=\"4\" cy=\"4\" r=\"1.2\" fill=\"{s.Background2}\"/></pattern>"));
        b.Append(F($"<pattern id=\"stripes\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\"><rect width=\"10\" height=\"10\" fill=\"{s.Background}\"/><rect width=\"10\" height=\"4\" fill=\"{s.Background2}\"/></pattern></defs>"));
        var fill = s.BackgroundStyle switch { "gradient" => "url(#bg)", "dots" => "url(#dots)", "stripes" => "url(#stripes)", _ => s.Background };
        b.Append(F($"<rect width=\"100\" height=\"100\" fill=\"{fill}\"/>"));
        Prop(b, s);
        Scene(b, s);
        b.Append(F($"<g transform=\"rotate({s.Tilt:0.##} {s.CenterX:0.##} {s.CenterY:0.##})\">"));
        Head(b, s);
        Eyes(b, s);
        Brows(b, s);
        Nose(b, s);
        Mouth(b, s);
        Extras(b, s);
        b.Append("</g></svg>");
        return b.ToString();
    }

    private static void Head(StringBuilder b, FaceSpec s)
    {
        double cx = s.CenterX, cy = s.CenterY, rx = s.RadiusX, ry = s.RadiusY;
        var stroke = F($"stroke=\"{s.Ink}\" stroke-width=\"{s.Line:0.##}\"");
        if (s.Ears)
        {
            b.Append(F($"<ellipse cx=\"{cx - rx:0.##}\" cy=\"{cy:0.##}\" rx=\"{rx * 0.16:0.##}\" ry=\"{ry * 0.22:0.##}\" fill=\"{s.Skin}\" {stroke}/>"));
            b.Append(F($"<ellipse cx=\"{cx + rx:0.##}\" cy=\"{cy:0.##}\" rx=\"{rx * 0.16:0.##}\" ry=\"{ry * 0.22:0.##}\" fill=\"{s.Skin}\" {stroke}/>"));
        }

        var head = s.HeadShape switch
        {
            "squircle" => F($"<rect x=\"{cx - rx:0.##}\" y=\"{cy - ry:0.##}\" width=\"{2 * rx:0.##}\" height=\"{2 * ry:0.##}\" rx=\"{rx * 0.45:0.##}\""),
            "pear" => F($"<path d=\"M{cx:0.##},{cy - ry:0.##} C{cx + (rx * 0.8):0.##},{cy - ry:0.##} {cx + (rx * 1.1):0.##},{cy + (ry * 0.9):0.##} {cx:0.##},{cy + ry:0.##} C{cx - (rx * 1.1):0.##},{cy + (ry * 0.9):0.##} {cx - (rx * 0.8):0.##},{cy - ry:0.##} {cx:0.##},{cy - ry:0.##} Z\""),
            _ => F($"<ellipse cx=\"{cx:0.##}\" cy=\"{cy:0.##}\" rx=\"{rx:0.##}\" ry=\"{ry:0.##}\""),
        };
        b.Append(head).Append(F($" fill=\"{s.Skin}\" {stroke}/>"));
        if (s.Tint != "none")
        {
            b.Append(head).Append(F($" fill=\"{(s.Tint == "red" ? "#e0301e" : "#5fae3a")}\" opacity=\"0.38\"/>"));
        }

        var top = cy - ry;
        switch (s.Hair)
        {
            case "tuft":
                b.Append(F($"<path d=\"M{cx - 4:0.##},{top + 1:0.##} Q{cx - 2:0.##},{top - 8:0.##} {cx + 1:0.##},{top + 1:0.##} Q{cx + 4:0.##},{top - 6:0.##} {cx + 5:0.##},{top + 1:0.##}\" fill=\"none\" stroke=\"{s.HairColor}\" stroke-width=\"2\"/>"));
                break;
            case "fringe":
                b.Append(F($"<path d=\"M{cx - (rx * 0.85):0.##},{top + (ry * 0.35):0.##} Q{cx:0.##},{top - (ry * 0.25):0.##} {cx + (rx * 0.85):0.##},{top + (ry * 0.35):0.##} Q{cx:0.##},{top + (ry * 0.12):0.##} {cx - (rx * 0.85):0.##},{top + (ry * 0.35):0.##} Z\" fill=\"{s.HairColor}\"/>"));
                break;
            case "bun":
                b.Append(F($"<circle cx=\"{cx:0.##}\" cy=\"{top - 3:0.##}\" r=\"{rx * 0.25:0.##}\" fill=\"{s.HairColor}\"/>"));
                break;
            case "curls":
                for (var i = -2; i <= 2; i++)
                {
                    b.Append(F($"<circle cx=\"{cx + (i * rx * 0.22):0.##}\" cy=\"{top + 1 + (Math.Abs(i) * 1.5):0.##}\" r=\"{rx * 0.13:0.##}\" fill=\"{s.HairColor}\"/>"));
                }

                break;
        }
    }

    private static (double X, double Y, double R) Eye(FaceSpec s, int side) =>
        (s.CenterX + (side * s.RadiusX * 0.38), s.CenterY - (s.RadiusY * 0.18), s.RadiusX * 0.13);

    private static void Eyes(StringBuilder b, FaceSpec s)
    {
        foreach (var side in (int[])[-1, 1])
        {
            var (x, y, r) = Eye(s, side);
            if (s.EyeShape == "arc")
            {
                b.Append(F($"<path d=\"M{x - r:0.##},{y + (r * 0.3):0.##} Q{x:0.##},{y - (r * 1.3):0.##} {x + r:0.##},{y + (r * 0.3):0.##}\" fill=\"none\" stroke=\"{s.Ink}\" stroke-width=\"{s.Line + 0.4:0.##}\" stroke-linecap=\"round\"/>"));
                continue;
            }

            var ry = r * s.EyeOpen;
            if (s.EyeStyle == "white")
            {
                b.Append(F($"<ellipse cx=\"{x:0.##}\" cy=\"{y:0.##}\" rx=\"{r:0.##}\" ry=\"{ry:0.##}\" fill=\"#ffffff\" stroke=\"{s.Ink}\" stroke-width=\"{s.Line * 0.7:0.##}\"/>"));
                var p = Math.Min(r * s.Pupil, ry * 0.9);
                b.Append(F($"<circle cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"{p:0.##}\" fill=\"{s.Ink}\"/>"));
            }
            else
            {
                b.Append(F($"<ellipse cx=\"{x:0.##}\" cy=\"{y:0.##}\" rx=\"{r * (s.Pupil + 0.25):0.##}\" ry=\"{ry * (s.Pupil + 0.25):0.##}\" fill=\"{s.Ink}\"/>"));
            }

            if (s.Lid != 0)
            {
                // Anger: the inner end lower; sadness: the outer end lower.
                var inner = -side;
                var innerY = y - ry + (s.Lid > 0 ? ry * 0.9 : 0);
                var outerY = y - ry + (s.Lid < 0 ? ry * 0.9 : 0);
                b.Append(F($"<line x1=\"{x + (inner * r * 1.1):0.##}\" y1=\"{innerY:0.##}\" x2=\"{x - (inner * r * 1.1):0.##}\" y2=\"{outerY:0.##}\" stroke=\"{s.Ink}\" stroke-width=\"{s.Line:0.##}\" stroke-linecap=\"round\"/>"));
            }
        }
    }

    private static void Brows(StringBuilder b, FaceSpec s)
    {
        foreach (var side in (int[])[-1, 1])
        {
            var (x, y, r) = Eye(s, side);
            var raise = s.BrowRaise;
            var angle = s.BrowAngle;
            if (s.BrowAsymmetric && side > 0)
            {
                raise = 0.9;
                angle = -angle * 0.3;
            }

            var by = y - (r * BrowGap(s)) - (raise * r * 1.8);
            var d = Math.Tan(angle * Math.PI / 180) * r * 1.1;
            var innerX = x - (side * r * 1.1);
            var outerX = x + (side * r * 1.1);
            var stroke = F($"fill=\"none\" stroke=\"{s.Ink}\" stroke-width=\"{s.BrowWidth:0.##}\" stroke-linecap=\"round\"");
            b.Append(s.BrowArched
                ? F($"<path d=\"M{outerX:0.##},{by + (r * 0.4):0.##} Q{x:0.##},{by - (r * 0.9):0.##} {innerX:0.##},{by + (r * 0.4):0.##}\" {stroke}/>")
                : F($"<line x1=\"{outerX:0.##}\" y1=\"{by - d:0.##}\" x2=\"{innerX:0.##}\" y2=\"{by + d:0.##}\" {stroke}/>"));
        }
    }

    private static double BrowGap(FaceSpec s) => 1.2 + (s.EyeOpen * 0.3);

    private static void Nose(StringBuilder b, FaceSpec s)
    {
        double x = s.CenterX, y = s.CenterY + (s.RadiusY * 0.12);
        switch (s.Nose)
        {
            case "dot":
                b.Append(F($"<circle cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"1.2\" fill=\"{s.Ink}\"/>"));
                break;
            case "hook":
                b.Append(F($"<path d=\"M{x:0.##},{y - 5:0.##} L{x - 2:0.##},{y + 1:0.##} L{x + 1:0.##},{y + 1:0.##}\" fill=\"none\" stroke=\"{s.Ink}\" stroke-width=\"{s.Line * 0.7:0.##}\"/>"));
                break;
            case "button":
                b.Append(F($"<ellipse cx=\"{x:0.##}\" cy=\"{y:0.##}\" rx=\"2.6\" ry=\"2\" fill=\"#000000\" opacity=\"0.15\"/>"));
                break;
        }

        if (s.Wrinkles)
        {
            for (var i = -1; i <= 1; i += 2)
            {
                b.Append(F($"<path d=\"M{x + (i * 1.5):0.##},{y - 6:0.##} q{i * 1.5:0.##},1.5 0,3\" fill=\"none\" stroke=\"{s.Ink}\" stroke-width=\"0.8\"/>"));
            }
        }
    }

    private static void Mouth(StringBuilder b, FaceSpec s)
    {
        var y = s.CenterY + (s.RadiusY * 0.45);
        var w = s.RadiusX * s.MouthWidth;
        double x1 = s.CenterX - (w / 2), x2 = s.CenterX + (w / 2), cx = s.CenterX;
        var k = s.RadiusY * 0.35 * s.MouthCurve;
        var line = F($"stroke=\"{s.Ink}\" stroke-width=\"{s.Line + 0.3:0.##}\" stroke-linecap=\"round\"");
        const string Dark = "#5a1a1a";
        switch (s.Mouth)
        {
            case "grin":
                b.Append(F($"<path d=\"M{x1:0.##},{y:0.##} Q{cx:0.##},{y + (2 * k):0.##} {x2:0.##},{y:0.##} Z\" fill=\"{Dark}\" {line}/>"));
                b.Append(F($"<path d=\"M{x1 + (w * 0.1):0.##},{y + 0.3:0.##} L{x2 - (w * 0.1):0.##},{y + 0.3:0.##} L{x2 - (w * 0.2):0.##},{y + (k * 0.35):0.##} L{x1 + (w * 0.2):0.##},{y + (k * 0.35):0.##} Z\" fill=\"#ffffff\"/>"));
                break;
            case "curve":
                b.Append(F($"<path d=\"M{x1:0.##},{y:0.##} Q{cx:0.##},{y + (2 * k):0.##} {x2:0.##},{y:0.##}\" fill=\"none\" {line}/>"));
                break;
            case "flat":
                b.Append(F($"<path d=\"M{x1:0.##},{y:0.##} Q{cx:0.##},{y + (2 * k):0.##} {x2:0.##},{y:0.##}\" fill=\"none\" {line}/>"));
                break;
            case "shout":
                {
                    var h = s.RadiusY * 0.3 * s.MouthOpen;
                    b.Append(F($"<path d=\"M{x1:0.##},{y - (h * 0.4):0.##} Q{cx:0.##},{y - (h * 0.9):0.##} {x2:0.##},{y - (h * 0.4):0.##} L{x2 - (w * 0.12):0.##},{y + h:0.##} Q{cx:0.##},{y + (h * 0.6):0.##} {x1 + (w * 0.12):0.##},{y + h:0.##} Z\" fill=\"{Dark}\" {line}/>"));
                    b.Append(F($"<rect x=\"{x1 + (w * 0.12):0.##}\" y=\"{y - (h * 0.55):0.##}\" width=\"{w * 0.76:0.##}\" height=\"{h * 0.3:0.##}\" fill=\"#ffffff\"/>"));
                    break;
                }

            case "wavy":
                {
                    var h = s.RadiusY * 0.22 * s.MouthOpen;
                    b.Append(F($"<ellipse cx=\"{cx:0.##}\" cy=\"{y:0.##}\" rx=\"{w / 2:0.##}\" ry=\"{h + 1:0.##}\" fill=\"{Dark}\" {line}/>"));
                    var seg = w / 6;
                    var path = new StringBuilder(F($"M{x1 + (seg * 0.3):0.##},{y:0.##}"));
                    for (var i = 0; i < 6; i++)
                    {
                        path.Append(F($" l{seg * 0.9:0.##},{(i % 2 == 0 ? -1.2 : 1.2):0.##}"));
                    }

                    b.Append(F($"<path d=\"{path}\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"1\"/>"));
                    break;
                }

            case "o":
                {
                    var r = s.RadiusX * 0.12;
                    b.Append(F($"<ellipse cx=\"{cx:0.##}\" cy=\"{y + 1:0.##}\" rx=\"{r:0.##}\" ry=\"{r * (1 + (s.MouthOpen * 0.6)):0.##}\" fill=\"{Dark}\" {line}/>"));
                    break;
                }

            case "sneer":
                b.Append(F($"<path d=\"M{x1:0.##},{y + 2:0.##} Q{cx - (w * 0.1):0.##},{y + k:0.##} {cx + (w * 0.15):0.##},{y + 1:0.##} T{x2:0.##},{y - 3:0.##}\" fill=\"none\" {line}/>"));
                if (s.Tongue)
                {
                    b.Append(F($"<path d=\"M{cx - 3:0.##},{y + 1.2:0.##} q3,7 6,0 Z\" fill=\"#e8647c\" stroke=\"{s.Ink}\" stroke-width=\"0.6\"/>"));
                }

                break;
        }
    }

    private static void Extras(StringBuilder b, FaceSpec s)
    {
        foreach (var side in (int[])[-1, 1])
        {
            var (x, y, r) = Eye(s, side);
            if (s.Blush)
            {
                b.Append(F($"<ellipse cx=\"{x + (side * r * 0.6):0.##}\" cy=\"{y + (s.RadiusY * 0.3):0.##}\" rx=\"{r * 1.2:0.##}\" ry=\"{r * 0.6:0.##}\" fill=\"#ff6f91\" opacity=\"0.5\"/>"));
            }

            if (s.Tears)
            {
                var ty = y + (r * 1.2);
                b.Append(F($"<path d=\"M{x + (side * r * 0.5):0.##},{ty:0.##} q-2.2,4 0,5.5 q2.2,-1.5 0,-5.5 Z\" fill=\"#4aa3ff\" stroke=\"#1f6fc2\" stroke-width=\"0.5\"/>"));
                b.Append(F($"<path d=\"M{x + (side * r * 0.5):0.##},{ty + 6:0.##} l0,{s.RadiusY * 0.25:0.##}\" stroke=\"#4aa3ff\" stroke-width=\"1.2\" opacity=\"0.7\"/>"));
            }
        }

        if (s.Sweat)
        {
            var x = s.CenterX + (s.RadiusX * 0.72);
            var y = s.CenterY - (s.RadiusY * 0.55);
            b.Append(F($"<path d=\"M{x:0.##},{y:0.##} q-3,5 0,7 q3,-2 0,-7 Z\" fill=\"#8fd3ff\" stroke=\"#2a86c9\" stroke-width=\"0.6\"/>"));
        }
    }

    private static void Scene(StringBuilder b, FaceSpec s)
    {
        var x = s.SceneLeft ? 14.0 : 86.0;
        const double Y = 13;
        switch (s.Scene)
        {
            case "sun":
                for (var i = 0; i < 8; i++)
                {
                    var a = i * Math.PI / 4;
                    b.Append(F($"<line x1=\"{x + (7 * Math.Cos(a)):0.##}\" y1=\"{Y + (7 * Math.Sin(a)):0.##}\" x2=\"{x + (11 * Math.Cos(a)):0.##}\" y2=\"{Y + (11 * Math.Sin(a)):0.##}\" stroke=\"#f5a300\" stroke-width=\"1.5\"/>"));
                }

                b.Append(F($"<circle cx=\"{x:0.##}\" cy=\"{Y:0.##}\" r=\"5.5\" fill=\"#ffc928\"/>"));
                break;
            case "balloons":
                b.Append(F($"<line x1=\"{x:0.##}\" y1=\"{Y + 6:0.##}\" x2=\"{x + 1:0.##}\" y2=\"{Y + 24:0.##}\" stroke=\"#555555\" stroke-width=\"0.5\"/><ellipse cx=\"{x - 3:0.##}\" cy=\"{Y:0.##}\" rx=\"4\" ry=\"5\" fill=\"#ff4d6d\"/><ellipse cx=\"{x + 4:0.##}\" cy=\"{Y + 2:0.##}\" rx=\"4\" ry=\"5\" fill=\"#3fa7ff\"/>"));
                break;
            case "rain":
            case "storm":
                var cloud = s.Scene == "rain" ? "#8a96a8" : "#4a4f5c";
                b.Append(F($"<ellipse cx=\"{x:0.##}\" cy=\"{Y:0.##}\" rx=\"10\" ry=\"5\" fill=\"{cloud}\"/><circle cx=\"{x - 3:0.##}\" cy=\"{Y - 3:0.##}\" r=\"4.5\" fill=\"{cloud}\"/><circle cx=\"{x + 3:0.##}\" cy=\"{Y - 2:0.##}\" r=\"4\" fill=\"{cloud}\"/>"));
                if (s.Scene == "rain")
                {
                    for (var i = -1; i <= 1; i++)
                    {
                        b.Append(F($"<line x1=\"{x + (i * 4):0.##}\" y1=\"{Y + 7:0.##}\" x2=\"{x + (i * 4) - 1:0.##}\" y2=\"{Y + 11:0.##}\" stroke=\"#3f7fd6\" stroke-width=\"1\"/>"));
                    }
                }
                else
                {
                    b.Append(F($"<path d=\"M{x:0.##},{Y + 4:0.##} l-3,6 h3 l-2,6 l6,-8 h-3 l2,-4 Z\" fill=\"#ffd500\"/>"));
                }

                break;
            case "ghost":
                b.Append(F($"<path d=\"M{x - 5:0.##},{Y + 8:0.##} v-8 a5,5 0 0 1 10,0 v8 l-2.5,-2 l-2.5,2 l-2.5,-2 Z\" fill=\"#f4f4f8\" stroke=\"#777777\" stroke-width=\"0.5\"/><circle cx=\"{x - 2:0.##}\" cy=\"{Y:0.##}\" r=\"0.9\" fill=\"#222222\"/><circle cx=\"{x + 2:0.##}\" cy=\"{Y:0.##}\" r=\"0.9\" fill=\"#222222\"/>"));
                break;
            case "confetti":
                string[] colors = ["#ff4d6d", "#3fa7ff", "#ffc928", "#4cd07d"];
                for (var i = 0; i < 10; i++)
                {
                    b.Append(F($"<rect x=\"{x - 10 + ((i * 37) % 20):0.##}\" y=\"{Y - 8 + ((i * 23) % 16):0.##}\" width=\"2\" height=\"1.2\" fill=\"{colors[i % 4]}\" transform=\"rotate({i * 33} {x:0.##} {Y:0.##})\"/>"));
                }

                break;
            case "gift":
                b.Append(F($"<rect x=\"{x - 6:0.##}\" y=\"{Y - 2:0.##}\" width=\"12\" height=\"10\" fill=\"#e64a4a\"/><rect x=\"{x - 1:0.##}\" y=\"{Y - 2:0.##}\" width=\"2\" height=\"10\" fill=\"#ffd84d\"/><text x=\"{x:0.##}\" y=\"{Y - 4:0.##}\" font-size=\"8\" text-anchor=\"middle\" fill=\"#d00000\" font-family=\"sans-serif\" font-weight=\"bold\">!</text>"));
                break;
            case "fly":
                b.Append(F($"<ellipse cx=\"{x - 2:0.##}\" cy=\"{Y - 2:0.##}\" rx=\"2.5\" ry=\"1.5\" fill=\"#cfe3ff\" opacity=\"0.8\"/><ellipse cx=\"{x + 2:0.##}\" cy=\"{Y - 2:0.##}\" rx=\"2.5\" ry=\"1.5\" fill=\"#cfe3ff\" opacity=\"0.8\"/><circle cx=\"{x:0.##}\" cy=\"{Y:0.##}\" r=\"2\" fill=\"#222222\"/><path d=\"M{x + 4:0.##},{Y + 3:0.##} q2,2 4,0 q2,-2 4,0\" fill=\"none\" stroke=\"#555555\" stroke-width=\"0.5\" stroke-dasharray=\"1,1\"/>"));
                break;
            case "stink":
                for (var i = -1; i <= 1; i++)
                {
                    b.Append(F($"<path d=\"M{x + (i * 4):0.##},{Y + 8:0.##} q-2,-3 0,-6 q2,-3 0,-6\" fill=\"none\" stroke=\"#6d8c2a\" stroke-width=\"1.2\"/>"));
                }

                break;
        }
    }

    private static void Prop(StringBuilder b, FaceSpec s)
    {
        var x = s.SceneLeft ? 88.0 : 12.0;
        switch (s.Prop)
        {
            case "tree":
                b.Append(F($"<rect x=\"{x - 1:0.##}\" y=\"80\" width=\"2\" height=\"14\" fill=\"#7a4f2a\"/><circle cx=\"{x:0.##}\" cy=\"78\" r=\"6\" fill=\"#4caf50\"/>"));
                break;
            case "cloud":
                b.Append(F($"<ellipse cx=\"{x:0.##}\" cy=\"30\" rx=\"8\" ry=\"3.5\" fill=\"#ffffff\" opacity=\"0.9\"/>"));
                break;
            case "hills":
                b.Append("<path d=\"M0,100 L0,88 Q25,78 50,88 T100,86 L100,100 Z\" fill=\"#8cc084\" opacity=\"0.8\"/>");
                break;
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
