namespace Plugins.Gui.Seeing;

/// <summary>Where a <see cref="GuiCandidate"/> was found.</summary>
public enum CandidateSource
{
    /// <summary>A visible element of the DOM, with its accessibility role and accessible name.</summary>
    Dom,

    /// <summary>A word or line that OCR read from the screenshot's pixels; it has no element behind it.</summary>
    Ocr,
}
