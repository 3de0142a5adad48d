using System;
using System.Collections.Generic;
using System.Text;

namespace LocalModel.Generation;

/// <summary>
/// Finds stop sequences in streamed text. Text that could still be the start of a stop sequence is held back,
/// so the caller never receives any part of a stop sequence. Not thread-safe.
/// </summary>
internal sealed class StopSequenceMatcher
{
    private readonly string[] _stops;
    private readonly StringBuilder _pending = new();
    private readonly int _maxStop;

    public StopSequenceMatcher(IEnumerable<string> stops)
    {
        _stops = new List<string>(stops).ToArray();
        foreach (var s in _stops)
        {
            _maxStop = Math.Max(_maxStop, s.Length);
        }
    }

    public bool IsEmpty => _stops.Length == 0;

    /// <summary>Appends text; returns the text now safe to emit, and sets <paramref name="stopped"/> when a stop sequence completed.</summary>
    public string Append(string text, out bool stopped)
    {
        stopped = false;
        if (_stops.Length == 0)
        {
            return text;
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        var first = -1;
        foreach (var s in _stops)
        {
            var at = pending.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        if (first >= 0)
        {
            stopped = true;
            _pending.Clear();
            return pending[..first];
        }

        // Hold back the longest suffix that is a prefix of some stop sequence.
        var hold = 0;
        for (var len = Math.Min(_maxStop - 1, pending.Length); len > 0 && hold == 0; len--)
        {
            var suffix = pending.AsSpan(pending.Length - len);
            foreach (var s in _stops)
            {
                if (s.Length > len && s.AsSpan(0, len).SequenceEqual(suffix))
                {
                    hold = len;
                    break;
                }
            }
        }

        _pending.Clear();
        _pending.Append(pending, pending.Length - hold, hold);
        return pending[..^hold];
    }

    /// <summary>Returns held-back text at the end of generation.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
