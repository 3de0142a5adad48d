using System.Collections.Generic;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>A line of text OCR read from a screenshot: its words in reading order.</summary>
/// <param name="Text">The words joined by single spaces.</param>
/// <param name="Box">The union of the words' boxes, in the screenshot's CSS pixels.</param>
/// <param name="Confidence">The mean of the words' confidences, in [0, 1].</param>
/// <param name="Words">The words, left to right.</param>
public sealed record OcrLine(string Text, CssRect Box, double Confidence, IReadOnlyList<OcrWord> Words);
