using System;

namespace Plugins.Gui.Seeing;

/// <summary>Options of the <see cref="PageObserver"/>. Not thread-safe to mutate; the observer validates them once.</summary>
public sealed class PageObserverOptions
{
    /// <summary>
    /// The most candidates one observation returns; interactive elements are kept first, then static text. Default
    /// 400; must be at least 1.
    /// </summary>
    public int MaxCandidates { get; set; } = 400;

    /// <summary>
    /// Whether non-interactive visible text is also returned: headings, images with alt text and leaf text blocks,
    /// as candidates with <see cref="GuiCandidate.IsInteractive"/> false. Default true.
    /// </summary>
    public bool IncludeStaticText { get; set; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxCandidates < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxCandidates), MaxCandidates, "PageObserverOptions.MaxCandidates must be at least 1 (default 400).");
        }
    }
}
