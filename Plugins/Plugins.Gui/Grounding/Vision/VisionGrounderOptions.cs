using System;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Imaging;

namespace Plugins.Gui.Grounding.Vision;

/// <summary>Options of <see cref="VisionGrounder"/>; validated by <see cref="Validate"/>.</summary>
public sealed class VisionGrounderOptions
{
    /// <summary>The longest side of the image sent to the model, in pixels (the aspect ratio is kept): 1024 by default; from 64 to 4096. Ignored when <see cref="ExactWidth"/> and <see cref="ExactHeight"/> are set.</summary>
    public int LongestSide { get; set; } = 1024;

    /// <summary>Whether an image smaller than <see cref="LongestSide"/> is enlarged to it: false by default.</summary>
    public bool AllowUpscale { get; set; }

    /// <summary>A fixed input width for models that take one size (e.g. 336); null (the default) keeps the aspect ratio. Set with <see cref="ExactHeight"/>.</summary>
    public int? ExactWidth { get; set; }

    /// <summary>A fixed input height; see <see cref="ExactWidth"/>.</summary>
    public int? ExactHeight { get; set; }

    /// <summary>
    /// How the model writes coordinates: <see cref="CoordinateConventions.Grid999"/> (0-999 grid, LLaVA-style) by
    /// default. It sets the prompt's coordinate sentence and examples and how answers map back to the image; for a local
    /// model package use its manifest's <c>coordinates</c> (Qwen2.5-VL: <see cref="ResizedPixelCoordinates"/>). Shared
    /// by copies (conventions are stateless).
    /// </summary>
    public ICoordinateConvention Coordinates { get; set; } = CoordinateConventions.Grid999;

    /// <summary>Sampling temperature used when the request's <see cref="Microsoft.Extensions.AI.ChatOptions"/> leave it unset: 0 by default (grounding wants the most likely answer).</summary>
    public float Temperature { get; set; }

    /// <summary>Answer length limit used when the request's options leave it unset: 32 tokens by default (a box is about 15); from 8 to 4096.</summary>
    public int MaxOutputTokens { get; set; } = 32;

    /// <summary>Whether tall or wide screens are asked about tile by tile (Ferret-UI): true by default.</summary>
    public bool UseTiling { get; set; } = true;

    /// <summary>When a screen counts as tall or wide; defaults as documented on <see cref="ScreenTilerOptions"/>.</summary>
    public ScreenTilerOptions Tiling { get; set; } = new();

    /// <summary>
    /// Whether a second, zoomed question follows for small targets: an answered box lower than <see cref="ZoomBelowHeight"/>
    /// CSS pixels, or a bare point. False by default (it doubles the model calls).
    /// </summary>
    public bool ZoomPass { get; set; }

    /// <summary>A box lower than this many CSS pixels counts as a small target for <see cref="ZoomPass"/>: 24 by default; from 1 to 400.</summary>
    public double ZoomBelowHeight { get; set; } = 24;

    /// <summary>The zoomed window's size as a fraction of the screen's width and height: 0.35 by default; from 0.1 to 0.9.</summary>
    public double ZoomWindow { get; set; } = 0.35;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Only one of <see cref="ExactWidth"/> and <see cref="ExactHeight"/> is set.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Coordinates"/> or <see cref="Tiling"/> is null.</exception>
    public void Validate()
    {
        if (LongestSide is < 64 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(LongestSide), LongestSide, "VisionGrounderOptions.LongestSide must be between 64 and 4096 (default 1024).");
        }

        if (ExactWidth.HasValue != ExactHeight.HasValue)
        {
            throw new ArgumentException("VisionGrounderOptions.ExactWidth and ExactHeight must be set together (or neither).", nameof(ExactWidth));
        }

        if (ExactWidth is < 16 or > 4096 || ExactHeight is < 16 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(ExactWidth), ExactWidth, "VisionGrounderOptions.ExactWidth and ExactHeight must be between 16 and 4096.");
        }

        if (!(Temperature is >= 0 and <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "VisionGrounderOptions.Temperature must be between 0 and 2 (default 0).");
        }

        if (MaxOutputTokens is < 8 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "VisionGrounderOptions.MaxOutputTokens must be between 8 and 4096 (default 32).");
        }

        if (!(ZoomBelowHeight is >= 1 and <= 400))
        {
            throw new ArgumentOutOfRangeException(nameof(ZoomBelowHeight), ZoomBelowHeight, "VisionGrounderOptions.ZoomBelowHeight must be between 1 and 400 (default 24).");
        }

        if (!(ZoomWindow is >= 0.1 and <= 0.9))
        {
            throw new ArgumentOutOfRangeException(nameof(ZoomWindow), ZoomWindow, "VisionGrounderOptions.ZoomWindow must be between 0.1 and 0.9 (default 0.35).");
        }

        ArgumentNullException.ThrowIfNull(Coordinates, nameof(Coordinates));
        ArgumentNullException.ThrowIfNull(Tiling, nameof(Tiling));
        Tiling.Validate();
    }

    /// <summary>A copy (the tiling options copied too).</summary>
    public VisionGrounderOptions Clone()
    {
        var copy = (VisionGrounderOptions)MemberwiseClone();
        copy.Tiling = new ScreenTilerOptions { AspectRatioThreshold = Tiling.AspectRatioThreshold, Overlap = Tiling.Overlap, MaxTiles = Tiling.MaxTiles };
        return copy;
    }
}
