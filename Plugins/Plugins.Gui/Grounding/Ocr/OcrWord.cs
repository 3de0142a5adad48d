using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>A word OCR read from a screenshot.</summary>
/// <param name="Text">The recognised text (no spaces).</param>
/// <param name="Box">Its box in the screenshot's CSS pixels.</param>
/// <param name="Confidence">The engine's confidence in [0, 1].</param>
public sealed record OcrWord(string Text, CssRect Box, double Confidence);
