using System.IO;
using SkiaSharp;

namespace Plugins.Gui.Imaging;

/// <summary>
/// A typeface that can draw digits: SkiaSharp's default when it has glyphs (a build with fontconfig), else a bold sans
/// font from the usual Debian font paths (the NoDependencies native build may have no font manager).
/// </summary>
internal static class DefaultTypeface
{
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    ];

    /// <summary>The shared typeface (never disposed: it lives for the process).</summary>
    public static SKTypeface Instance { get; } = Find();

    private static SKTypeface Find()
    {
        var bold = SKTypeface.FromFamilyName(null, SKFontStyle.Bold);
        if (bold is not null && bold.GlyphCount > 0)
        {
            return bold;
        }

        foreach (var file in FontFiles)
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { GlyphCount: > 0 } typeface)
            {
                return typeface;
            }
        }

        return bold ?? SKTypeface.Default;
    }
}
