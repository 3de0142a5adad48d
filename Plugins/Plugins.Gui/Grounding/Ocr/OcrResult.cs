using System.Collections.Generic;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>What OCR read from one screenshot: every word, and the same words grouped into lines.</summary>
/// <param name="Words">All words, in reading order.</param>
/// <param name="Lines">The lines, each holding its words.</param>
public sealed record OcrResult(IReadOnlyList<OcrWord> Words, IReadOnlyList<OcrLine> Lines)
{
    /// <summary>A result with no text.</summary>
    public static OcrResult Empty { get; } = new([], []);
}
