using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The spans of a text a cause may quote: every run of 1..n consecutive words (words are letters, digits and
/// apostrophes; a span runs from its first word's first character to its last word's last character, so the
/// punctuation between words is kept and the text is quoted exactly). Thread-safe.
/// </summary>
public static partial class CauseSpans
{
    /// <summary>
    /// The distinct spans of <paramref name="text"/> of at most <paramref name="maxWords"/> words, in text order
    /// (shorter first at each start), or <see langword="null"/> when there are more than <paramref name="maxSpans"/>
    /// or none (then a cause is checked against the text after the fact).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxWords">The most words in a span (at least 1).</param>
    /// <param name="maxSpans">The most spans offered (at least 1).</param>
    /// <returns>The spans or <see langword="null"/>.</returns>
    public static IReadOnlyList<string>? Enumerate(string text, int maxWords, int maxSpans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSpans, 1);
        var words = Word().Matches(text);
        var spans = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i; j < words.Count && j < i + maxWords; j++)
            {
                var end = words[j].Index + words[j].Length;
                var span = text[words[i].Index..end];
                if (seen.Add(span))
                {
                    spans.Add(span);
                    if (spans.Count > maxSpans)
                    {
                        return null;
                    }
                }
            }
        }

        return spans.Count == 0 ? null : spans;
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
