using System;
using System.Collections.Generic;
using System.Globalization;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Maps CSS colours (<c>rgb(r, g, b)</c>, <c>rgba(r, g, b, a)</c>, <c>#rrggbb</c>, <c>#rgb</c>) to the nearest
/// <see cref="NamedColor"/> by hue, saturation and lightness, and colour words to names. Thread-safe (no state).
/// </summary>
public static class ColorNames
{
    private static readonly Dictionary<string, NamedColor> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["red"] = NamedColor.Red, ["crimson"] = NamedColor.Red, ["scarlet"] = NamedColor.Red,
        ["orange"] = NamedColor.Orange, ["amber"] = NamedColor.Orange,
        ["yellow"] = NamedColor.Yellow, ["gold"] = NamedColor.Yellow, ["golden"] = NamedColor.Yellow,
        ["green"] = NamedColor.Green, ["lime"] = NamedColor.Green,
        ["blue"] = NamedColor.Blue, ["cyan"] = NamedColor.Blue, ["teal"] = NamedColor.Blue, ["navy"] = NamedColor.Blue, ["turquoise"] = NamedColor.Blue,
        ["purple"] = NamedColor.Purple, ["violet"] = NamedColor.Purple, ["lilac"] = NamedColor.Purple, ["indigo"] = NamedColor.Purple,
        ["pink"] = NamedColor.Pink, ["magenta"] = NamedColor.Pink, ["rose"] = NamedColor.Pink,
        ["brown"] = NamedColor.Brown,
        ["grey"] = NamedColor.Grey, ["gray"] = NamedColor.Grey, ["silver"] = NamedColor.Grey,
        ["black"] = NamedColor.Black,
        ["white"] = NamedColor.White,
    };

    /// <summary>The colour a word names ("red", "gray", "violet"), or null when it names none.</summary>
    public static NamedColor? FromWord(string word) => Words.TryGetValue(word, out var color) ? color : null;

    /// <summary>
    /// The nearest named colour of a CSS colour, or null when <paramref name="css"/> is null, unparseable or (almost)
    /// transparent (alpha under 0.1).
    /// </summary>
    public static NamedColor? FromCss(string? css)
    {
        if (!TryParse(css, out var r, out var g, out var b))
        {
            return null;
        }

        return Classify(r, g, b);
    }

    /// <summary>The nearest named colour of an sRGB colour with channels in [0, 255].</summary>
    public static NamedColor Classify(double r, double g, double b)
    {
        r /= 255;
        g /= 255;
        b /= 255;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var lightness = (max + min) / 2;
        var delta = max - min;
        var saturation = delta == 0 ? 0 : delta / (1 - Math.Abs((2 * lightness) - 1));

        // Achromatic first: low chroma means grey, black or white whatever the hue.
        if (delta < 0.08 || saturation < 0.12)
        {
            return lightness > 0.96 ? NamedColor.White : lightness < 0.13 ? NamedColor.Black : NamedColor.Grey;
        }

        if (lightness < 0.08)
        {
            return NamedColor.Black;
        }

        if (lightness > 0.97)
        {
            return NamedColor.White;
        }

        double hue;
        if (max == r)
        {
            hue = 60 * (((g - b) / delta) % 6);
        }
        else if (max == g)
        {
            hue = 60 * (((b - r) / delta) + 2);
        }
        else
        {
            hue = 60 * (((r - g) / delta) + 4);
        }

        if (hue < 0)
        {
            hue += 360;
        }

        if (hue >= 15 && hue < 45 && lightness < 0.4)
        {
            return NamedColor.Brown;
        }

        return hue switch
        {
            < 12 => lightness > 0.75 ? NamedColor.Pink : NamedColor.Red,
            < 42 => NamedColor.Orange,
            < 70 => NamedColor.Yellow,
            < 165 => NamedColor.Green,
            < 255 => NamedColor.Blue,
            < 290 => NamedColor.Purple,
            < 340 => NamedColor.Pink,
            _ => lightness > 0.75 ? NamedColor.Pink : NamedColor.Red,
        };
    }

    private static bool TryParse(string? css, out double r, out double g, out double b)
    {
        r = g = b = 0;
        if (string.IsNullOrWhiteSpace(css))
        {
            return false;
        }

        var text = css.Trim();
        if (text.StartsWith('#'))
        {
            var hex = text[1..];
            if (hex.Length is 3 or 4)
            {
                hex = string.Concat(hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]);
            }

            if (hex.Length < 6 || !int.TryParse(hex[..6], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            r = (value >> 16) & 0xFF;
            g = (value >> 8) & 0xFF;
            b = value & 0xFF;
            return true;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close <= open || !text.StartsWith("rgb", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = text[(open + 1)..close].Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out r)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out g)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out b))
        {
            return false;
        }

        if (parts.Length >= 4 && double.TryParse(parts[3].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha))
        {
            if (parts[3].EndsWith('%'))
            {
                alpha /= 100;
            }

            if (alpha < 0.1)
            {
                return false;
            }
        }

        return true;
    }
}
