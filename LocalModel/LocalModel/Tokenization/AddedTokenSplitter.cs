using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModel.Tokenization;

/// <summary>
/// Finds added tokens in raw text: the leftmost match wins and, among matches starting there, the longest
/// (the leftmost-longest rule of HuggingFace's added-vocabulary matcher).
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    /// <summary>Calls <paramref name="onText"/> for each text segment (start, length; never empty) and <paramref name="onToken"/> for each added token, in order.</summary>
    /// <param name="text">The text.</param>
    /// <param name="onText">Called with each text segment between added tokens.</param>
    /// <param name="onToken">Called with each added token found.</param>
    /// <param name="canMatch">When set, an added token is recognised at (start, length) only if this returns true; otherwise its text stays plain text.</param>
    public void Split(string text, Action<int, int> onText, Action<AddedToken> onToken, Func<int, int, bool>? canMatch = null)
    {
        var segmentStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var match = MatchAt(text, position);
            if (match is not null && canMatch is not null && !canMatch(position, match.Content.Length))
            {
                match = null;
            }

            if (match is null)
            {
                position++;
                continue;
            }

            var segmentEnd = position;
            if (match.LeftStrip)
            {
                while (segmentEnd > segmentStart && char.IsWhiteSpace(text[segmentEnd - 1]))
                {
                    segmentEnd--;
                }
            }

            if (segmentEnd > segmentStart)
            {
                onText(segmentStart, segmentEnd - segmentStart);
            }

            onToken(match);
            position += match.Content.Length;
            if (match.RightStrip)
            {
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
            }

            segmentStart = position;
        }

        if (segmentStart < text.Length)
        {
            onText(segmentStart, text.Length - segmentStart);
        }
    }

    private AddedToken? MatchAt(string text, int position)
    {
        if (!_byFirstChar.TryGetValue(text[position], out var candidates))
        {
            return null;
        }

        var rest = text.AsSpan(position);
        foreach (var candidate in candidates)
        {
            if (rest.StartsWith(candidate.Content, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
