using System;
using System.Text;

namespace LocalModel.Chat;

/// <summary>
/// Splits streamed model text into text that can be shown at once and a tool-call tail: everything from the first
/// <c>&lt;tool_call&gt;</c> on is held back for parsing, and so is a trailing partial marker until it is resolved.
/// Not thread-safe (one per response).
/// </summary>
internal sealed class ToolCallTextSplitter
{
    private readonly StringBuilder _pending = new();
    private bool _capturing;

    /// <summary>Adds streamed text; returns the part that is certainly not a tool call.</summary>
    public string Append(string text)
    {
        _pending.Append(text);
        if (_capturing || _pending.Length == 0)
        {
            return string.Empty;
        }

        var s = _pending.ToString();
        var at = s.IndexOf(ToolPromptFormat.ToolCallStart, StringComparison.Ordinal);
        if (at >= 0)
        {
            _capturing = true;
            _pending.Clear().Append(s, at, s.Length - at);
            return s[..at];
        }

        var keep = PartialMarkerLength(s);
        _pending.Clear().Append(s, s.Length - keep, keep);
        return s[..^keep];
    }

    /// <summary>Ends the stream: the text still held back, and the tool-call tail (null when no marker appeared).</summary>
    public (string Text, string? ToolCallText) Finish()
    {
        var s = _pending.ToString();
        _pending.Clear();
        return _capturing ? (string.Empty, s) : (s, null);
    }

    private static int PartialMarkerLength(string s)
    {
        var marker = ToolPromptFormat.ToolCallStart;
        for (var n = Math.Min(marker.Length - 1, s.Length); n > 0; n--)
        {
            if (s.AsSpan(s.Length - n).SequenceEqual(marker.AsSpan(0, n)))
            {
                return n;
            }
        }

        return 0;
    }
}
