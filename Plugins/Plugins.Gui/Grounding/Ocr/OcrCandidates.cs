using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// Turns OCR text into <see cref="GuiCandidate"/>s (<see cref="CandidateSource.Ocr"/>, role <c>text</c>): every line,
/// and every span of 1 to <c>maxSpanWords</c> consecutive words within a line, so "Sign in" inside "Sign in to
/// continue" is a candidate of its own. Ids run from <c>firstId</c> in reading order; a span equal to its whole line is
/// listed once.
/// </summary>
public static class OcrCandidates
{
    /// <summary>Builds the candidates.</summary>
    /// <param name="result">The OCR result, boxes in viewport CSS pixels.</param>
    /// <param name="maxSpanWords">Longest word span listed besides whole lines; 0 lists lines only, 1 lines and words.</param>
    /// <param name="firstId">The first candidate's id; positive.</param>
    public static IReadOnlyList<GuiCandidate> Build(OcrResult result, int maxSpanWords, int firstId = 1)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSpanWords);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstId);
        var candidates = new List<GuiCandidate>();
        var id = firstId;
        foreach (var line in result.Lines)
        {
            if (line.Words.Count == 0)
            {
                continue;
            }

            candidates.Add(Create(id++, line.Text, line.Box, line.Confidence));
            for (var length = Math.Min(maxSpanWords, line.Words.Count); length >= 1; length--)
            {
                if (length == line.Words.Count)
                {
                    continue;
                }

                for (var start = 0; start + length <= line.Words.Count; start++)
                {
                    var words = line.Words.Skip(start).Take(length).ToList();
                    var left = words.Min(w => w.Box.X);
                    var top = words.Min(w => w.Box.Y);
                    var right = words.Max(w => w.Box.Right);
                    var bottom = words.Max(w => w.Box.Bottom);
                    candidates.Add(Create(
                        id++,
                        string.Join(' ', words.Select(w => w.Text)),
                        new CssRect(left, top, right - left, bottom - top),
                        words.Average(w => w.Confidence)));
                }
            }
        }

        return candidates;
    }

    private static GuiCandidate Create(int id, string text, CssRect box, double confidence) => new()
    {
        Id = id,
        Source = CandidateSource.Ocr,
        Role = "text",
        Name = text,
        Box = box,
        Confidence = Math.Clamp(confidence, 0, 1),
    };
}
