using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// Remembers the last <c>capacity</c> OCR results by the screenshot's bytes (SHA-256 of the PNG), so several
/// instructions on one screenshot pay for OCR once. Concurrent requests for the same bytes share one recognition.
/// </summary>
/// <remarks>Thread-safe. Does not own <c>inner</c>. A failed or cancelled recognition is not cached.</remarks>
public sealed class CachingOcrEngine : IOcrEngine
{
    private readonly IOcrEngine _inner;
    private readonly int _capacity;
    private readonly Dictionary<string, Task<OcrResult>> _entries = [];
    private readonly LinkedList<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The engine that does the work.</param>
    /// <param name="capacity">How many screenshots to remember: 16 by default; at least 1.</param>
    public CachingOcrEngine(IOcrEngine inner, int capacity = 16)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _inner = inner;
        _capacity = capacity;
    }

    /// <summary>How many recognitions reached the inner engine (for tests and diagnostics).</summary>
    public int Misses { get; private set; }

    /// <inheritdoc />
    public async Task<OcrResult> RecognizeAsync(PageScreenshot screenshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(screenshot);
        var key = Convert.ToHexString(SHA256.HashData(screenshot.Png.Span));
        Task<OcrResult> task;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var cached) && !cached.IsFaulted && !cached.IsCanceled)
            {
                _order.Remove(key);
                _order.AddFirst(key);
                task = cached;
            }
            else
            {
                Misses++;
                task = _inner.RecognizeAsync(screenshot, CancellationToken.None);
                if (_entries.ContainsKey(key))
                {
                    _order.Remove(key);
                }

                _entries[key] = task;
                _order.AddFirst(key);
                while (_order.Count > _capacity)
                {
                    _entries.Remove(_order.Last!.Value);
                    _order.RemoveLast();
                }
            }
        }

        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
