using System.Collections.Generic;

namespace Plugins.Gui.Seeing;

/// <summary>
/// What a grounder sees of a page at one moment: its screenshot in CSS scale and the candidates found in it. Built by
/// the page observer from a live page, or from an image alone (<see cref="FromImage"/>) for pixel-only grounding.
/// </summary>
public sealed record PageObservation
{
    /// <summary>The page's URL; empty for an image without a page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The document title; empty when unknown.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The viewport's screenshot, in CSS scale.</summary>
    public required PageScreenshot Screenshot { get; init; }

    /// <summary>Device pixels per CSS pixel of the page (1 for an image without a page).</summary>
    public double DevicePixelRatio { get; init; } = 1;

    /// <summary>Scroll offset of the top document when the snapshot was taken, in CSS pixels.</summary>
    public CssPoint Scroll { get; init; }

    /// <summary>DOM candidates (ids from 1); empty for an image without a page.</summary>
    public IReadOnlyList<GuiCandidate> Candidates { get; init; } = [];

    /// <summary>An observation of a bare image: no URL, no DOM candidates.</summary>
    public static PageObservation FromImage(PageScreenshot screenshot) => new() { Screenshot = screenshot };
}
