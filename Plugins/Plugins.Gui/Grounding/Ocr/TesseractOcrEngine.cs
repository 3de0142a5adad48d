using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// OCR with Tesseract 5 (Debian's <c>libtesseract.so.5</c> through its C API): the screenshot is decoded with SkiaSharp,
/// turned grey, its backgrounds flattened to white and its ink (light or dark) drawn dark, enlarged when small, and recognised with the configured
/// page segmentation mode; words and lines come from Tesseract's TSV output, with boxes mapped back to the
/// screenshot's pixels.
/// </summary>
/// <remarks>
/// Thread-safe: a Tesseract instance is not, so each recognition takes one from a pool of at most
/// <see cref="TesseractOptions.MaxConcurrency"/> instances, each initialised once and reused. The constructor
/// initialises the first one, so a missing library or language file fails there with how to install it.
/// </remarks>
public sealed class TesseractOcrEngine : IOcrEngine, IDisposable
{
    private readonly TesseractOptions _options;
    private readonly string _dataPath;
    private readonly ConcurrentBag<TesseractHandle> _idle = [];
    private readonly List<TesseractHandle> _all = [];
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Loads Tesseract and initialises one instance.</summary>
    /// <param name="options">Settings; defaults when null. Validated here.</param>
    /// <exception cref="DllNotFoundException">libtesseract is not installed; the message says how to install it.</exception>
    /// <exception cref="System.IO.DirectoryNotFoundException">The language data is not installed; the message says how to install it.</exception>
    public TesseractOcrEngine(TesseractOptions? options = null)
    {
        _options = options ?? new TesseractOptions();
        _options.Validate();
        _dataPath = _options.ResolveDataPath();
        TesseractNative.EnsureLoaded(_options.OmpThreadLimit);
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        _idle.Add(CreateInstance());
    }

    /// <summary>The native library's version, e.g. <c>5.3.0</c>.</summary>
    public static string Version
    {
        get
        {
            TesseractNative.EnsureLoaded(0);
            return Marshal.PtrToStringUTF8(TesseractNative.TessVersion()) ?? string.Empty;
        }
    }

    /// <inheritdoc />
    public async Task<OcrResult> RecognizeAsync(PageScreenshot screenshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Recognize(screenshot, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var handle in _all)
            {
                handle.Dispose();
            }

            _all.Clear();
        }

        _slots.Dispose();
    }

    private OcrResult Recognize(PageScreenshot screenshot, CancellationToken cancellationToken)
    {
        byte[] grey;
        int width, height;
        using (var bitmap = ImageCodec.Decode(screenshot))
        {
            width = bitmap.Width;
            height = bitmap.Height;
            grey = OcrPreprocessor.ToGrey(bitmap);
        }

        if (_options.NormalizeBackground)
        {
            OcrPreprocessor.NormalizeBackground(grey, width, height);
            OcrPreprocessor.RemoveRulesAndFrames(grey, width, height);
        }

        var scale = 1.0;
        if (_options.UpscaleFactor > 1 && (long)width * height <= _options.UpscaleMaxPixels)
        {
            grey = OcrPreprocessor.Upscale(grey, width, height, _options.UpscaleFactor, out var w, out var h);
            scale = (double)w / width;
            width = w;
            height = h;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var handle = Rent();
        try
        {
            var words = RecognizeWords(handle, grey, width, height, scale);
            if (_options.InvertedPass)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inverted = RecognizeWords(handle, OcrPreprocessor.Invert(grey), width, height, scale);
                words = Merge(words, inverted);
            }

            return Group(words);
        }
        finally
        {
            _idle.Add(handle);
        }
    }

    private TesseractHandle Rent()
    {
        if (_idle.TryTake(out var handle))
        {
            return handle;
        }

        return CreateInstance();
    }

    private TesseractHandle CreateInstance()
    {
        var handle = TesseractHandle.Create();
        if (TesseractNative.TessBaseAPIInit3(handle, _dataPath, _options.Language) != 0)
        {
            handle.Dispose();
            throw new InvalidOperationException(
                $"Tesseract could not initialise language '{_options.Language}' from '{_dataPath}'. {TesseractNative.InstallHint}");
        }

        TesseractNative.TessBaseAPISetPageSegMode(handle, _options.PageSegmentationMode);

        // Polarity is normalised before recognition; Tesseract's own per-line inverted retry only costs time then.
        _ = TesseractNative.TessBaseAPISetVariable(handle, "tessedit_do_invert", _options.NormalizeBackground ? "0" : "1");
        _ = TesseractNative.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        lock (_gate)
        {
            if (_disposed)
            {
                handle.Dispose();
                throw new ObjectDisposedException(nameof(TesseractOcrEngine));
            }

            _all.Add(handle);
        }

        return handle;
    }

    private unsafe List<Word> RecognizeWords(TesseractHandle handle, byte[] grey, int width, int height, double scale)
    {
        string tsv;
        fixed (byte* data = grey)
        {
            TesseractNative.TessBaseAPISetImage(handle, data, width, height, 1, width);
            TesseractNative.TessBaseAPISetSourceResolution(handle, (int)Math.Round(96 * scale));
            if (TesseractNative.TessBaseAPIRecognize(handle, IntPtr.Zero) != 0)
            {
                TesseractNative.TessBaseAPIClear(handle);
                throw new InvalidOperationException($"Tesseract failed to recognise a {width}x{height} image.");
            }

            var text = TesseractNative.TessBaseAPIGetTsvText(handle, 0);
            try
            {
                tsv = Marshal.PtrToStringUTF8(text) ?? string.Empty;
            }
            finally
            {
                TesseractNative.TessDeleteText(text);
                TesseractNative.TessBaseAPIClear(handle);
            }
        }

        return ParseTsv(tsv, scale, _options.MinWordConfidence);
    }

    /// <summary>Reads Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text); keeps level-5 word rows.</summary>
    internal static List<Word> ParseTsv(string tsv, double scale, double minConfidence)
    {
        var words = new List<Word>();
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.Split('\t');
            if (cells.Length < 12 || cells[0] != "5")
            {
                continue;
            }

            var text = cells[11].Trim();
            if (text.Length == 0
                || !double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence)
                || confidence / 100 < minConfidence)
            {
                continue;
            }

            var block = int.Parse(cells[2], CultureInfo.InvariantCulture);
            var paragraph = int.Parse(cells[3], CultureInfo.InvariantCulture);
            var line = int.Parse(cells[4], CultureInfo.InvariantCulture);
            var left = int.Parse(cells[6], CultureInfo.InvariantCulture) / scale;
            var top = int.Parse(cells[7], CultureInfo.InvariantCulture) / scale;
            var w = int.Parse(cells[8], CultureInfo.InvariantCulture) / scale;
            var h = int.Parse(cells[9], CultureInfo.InvariantCulture) / scale;
            words.Add(new Word((block * 10_000) + (paragraph * 1_000) + line, new OcrWord(text, new CssRect(left, top, w, h), Math.Clamp(confidence / 100, 0, 1))));
        }

        return words;
    }

    private static List<Word> Merge(List<Word> first, List<Word> second)
    {
        var merged = new List<Word>(first);
        foreach (var word in second)
        {
            if (!first.Any(w => w.Value.Box.IntersectionOverUnion(word.Value.Box) > 0.2))
            {
                merged.Add(word with { LineKey = word.LineKey + 1_000_000 });
            }
        }

        return merged;
    }

    /// <summary>Groups words into lines by Tesseract's block/paragraph/line numbers, ordered top to bottom, left to right.</summary>
    internal static OcrResult Group(List<Word> words)
    {
        var lines = new List<OcrLine>();
        foreach (var group in words.GroupBy(w => w.LineKey))
        {
            var lineWords = group.Select(w => w.Value).OrderBy(w => w.Box.X).ToList();
            var left = lineWords.Min(w => w.Box.X);
            var top = lineWords.Min(w => w.Box.Y);
            var right = lineWords.Max(w => w.Box.Right);
            var bottom = lineWords.Max(w => w.Box.Bottom);
            lines.Add(new OcrLine(
                string.Join(' ', lineWords.Select(w => w.Text)),
                new CssRect(left, top, right - left, bottom - top),
                lineWords.Average(w => w.Confidence),
                lineWords));
        }

        lines.Sort((a, b) => a.Box.Y != b.Box.Y ? a.Box.Y.CompareTo(b.Box.Y) : a.Box.X.CompareTo(b.Box.X));
        return new OcrResult([.. lines.SelectMany(l => l.Words)], lines);
    }

    /// <summary>A recognised word and the key of its line.</summary>
    internal readonly record struct Word(int LineKey, OcrWord Value);
}
