using System.Globalization;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// The size of the top-level viewport in CSS pixels (a screenshot's <see cref="Seeing.PageScreenshot.Width"/> and
/// <see cref="Seeing.PageScreenshot.Height"/>), against which position words such as "top right" are judged.
/// </summary>
/// <param name="Width">Width in CSS pixels; positive.</param>
/// <param name="Height">Height in CSS pixels; positive.</param>
public readonly record struct CssSize(double Width, double Height)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width:0.#}x{Height:0.#}");
}
