using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Grounding.Ocr;

/// <summary>An OCR engine that answers from a callback and records the images it was given.</summary>
internal sealed class FakeOcrEngine(Func<PageScreenshot, OcrResult> recognize) : IOcrEngine
{
    private readonly Lock _gate = new();

    public List<PageScreenshot> Calls { get; } = [];

    public Task<OcrResult> RecognizeAsync(PageScreenshot screenshot, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Calls.Add(screenshot);
        }

        return Task.FromResult(recognize(screenshot));
    }

    /// <summary>One line of words laid out left to right from (x, y), each word 8 px per letter wide and <paramref name="height"/> high.</summary>
    public static OcrLine Line(double x, double y, double height, params string[] words)
    {
        var list = new List<OcrWord>();
        foreach (var word in words)
        {
            list.Add(new OcrWord(word, new CssRect(x, y, word.Length * 8, height), 0.95));
            x += (word.Length * 8) + 6;
        }

        var first = list[0].Box;
        var last = list[^1].Box;
        return new OcrLine(string.Join(' ', words), new CssRect(first.X, first.Y, last.Right - first.X, height), 0.95, list);
    }

    public static OcrResult Result(params OcrLine[] lines)
    {
        var words = new List<OcrWord>();
        foreach (var line in lines)
        {
            words.AddRange(line.Words);
        }

        return new OcrResult(words, lines);
    }
}
