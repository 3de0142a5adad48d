using System;

namespace Plugins.Gui.Imaging;

/// <summary>When and how <see cref="ScreenTiler"/> splits a screen.</summary>
public sealed class ScreenTilerOptions
{
    /// <summary>
    /// Long side over short side at or above which a screen is split: 2.0 by default, so a 1280x800 desktop (1.6) or a
    /// 16:9 one (1.78) stays whole while a 390x844 phone (2.16) or a tall page capture is split. At least 1.
    /// </summary>
    public double AspectRatioThreshold { get; set; } = 2.0;

    /// <summary>
    /// How much neighbouring tiles overlap, as a fraction of a tile's length along the split axis: 0.1 by default, so text
    /// on the cut is whole in one of the tiles. From 0 to 0.5.
    /// </summary>
    public double Overlap { get; set; } = 0.1;

    /// <summary>The most tiles per screen: 4 by default; at least 2.</summary>
    public int MaxTiles { get; set; } = 4;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(AspectRatioThreshold >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AspectRatioThreshold), AspectRatioThreshold, "ScreenTilerOptions.AspectRatioThreshold must be at least 1.");
        }

        if (!(Overlap is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "ScreenTilerOptions.Overlap must be between 0 and 0.5.");
        }

        if (MaxTiles < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTiles), MaxTiles, "ScreenTilerOptions.MaxTiles must be at least 2.");
        }
    }
}
