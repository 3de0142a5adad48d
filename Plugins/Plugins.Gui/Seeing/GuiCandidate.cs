namespace Plugins.Gui.Seeing;

/// <summary>
/// Something on the screen an instruction may refer to: an element (from the DOM and accessibility tree) or a word
/// or line of text (from OCR). Boxes are in CSS pixels of the top-level viewport.
/// </summary>
public sealed record GuiCandidate
{
    /// <summary>Id within one <see cref="PageObservation"/>, starting at 1; set-of-mark labels show it.</summary>
    public required int Id { get; init; }

    /// <summary>Where the candidate was found.</summary>
    public required CandidateSource Source { get; init; }

    /// <summary>ARIA role (explicit or implicit) for DOM candidates; <c>text</c> for OCR words and lines.</summary>
    public required string Role { get; init; }

    /// <summary>Accessible name (DOM) or the recognised text (OCR); empty when there is none.</summary>
    public required string Name { get; init; }

    /// <summary>The box on screen, clipped to the viewport.</summary>
    public required CssRect Box { get; init; }

    /// <summary>Visible text content, when it differs from <see cref="Name"/>.</summary>
    public string? Text { get; init; }

    /// <summary>Text of an associated <c>&lt;label&gt;</c> or <c>aria-labelledby</c> target.</summary>
    public string? Label { get; init; }

    /// <summary>The <c>title</c> attribute.</summary>
    public string? Title { get; init; }

    /// <summary>The <c>placeholder</c> attribute.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Current value of a form control (the selected option's text for a select).</summary>
    public string? Value { get; init; }

    /// <summary>Lower-case tag name, e.g. <c>button</c>; null for OCR candidates.</summary>
    public string? Tag { get; init; }

    /// <summary>Computed background colour as CSS <c>rgb(r, g, b)</c>, when not transparent.</summary>
    public string? BackgroundColor { get; init; }

    /// <summary>Computed text colour as CSS <c>rgb(r, g, b)</c>.</summary>
    public string? TextColor { get; init; }

    /// <summary>Whether the element takes input (link, button, form control, ARIA widget, click handler).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>OCR confidence in [0, 1]; 1 for DOM candidates.</summary>
    public double Confidence { get; init; } = 1;

    /// <summary>How to find the element again; null for OCR candidates.</summary>
    public ElementReference? Reference { get; init; }
}
