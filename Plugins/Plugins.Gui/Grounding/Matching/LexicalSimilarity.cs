using System;
using System.Collections.Generic;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// Lexical similarity of a target phrase and a candidate's text, in [0, 1], the best of: an exact match of the
/// normalised words (1, or 0.97 when only word endings differ), a match through the synonym table (0.95), the text
/// starting with the whole phrase (0.85 to 0.95), token-set overlap (0.85 × the mean of the Dice coefficient and the
/// phrase's recall, with synonyms and stems, a token of four letters or more matching a token it begins), and
/// character-trigram Dice for spelling variants (0.75 × Dice). A quoted phrase must appear as whole words: exact 1,
/// contained 0.85, anything else at most half its fuzzy score. Thread-safe (no state).
/// </summary>
public static class LexicalSimilarity
{
    /// <summary>Similarity of <paramref name="phrase"/> and <paramref name="text"/>.</summary>
    /// <param name="phrase">The target phrase from the instruction.</param>
    /// <param name="text">One of the candidate's texts (name, label, title, ...).</param>
    /// <param name="exactPhrase">Whether the phrase was quoted and must appear as it is.</param>
    public static LexicalMatch Score(string phrase, string text, bool exactPhrase = false) =>
        Score(TextFeatures.Create(phrase), TextFeatures.Create(text), exactPhrase);

    internal static LexicalMatch Score(TextFeatures phrase, TextFeatures text, bool exactPhrase)
    {
        if (phrase.IsEmpty || text.IsEmpty)
        {
            return LexicalMatch.None;
        }

        if (string.Equals(phrase.Normalized, text.Normalized, StringComparison.Ordinal) || string.Equals(phrase.Compact, text.Compact, StringComparison.Ordinal))
        {
            return new LexicalMatch(1, LexicalMatchKind.Exact);
        }

        if (exactPhrase)
        {
            var padded = " " + text.Normalized + " ";
            if (padded.Contains(" " + phrase.Normalized + " ", StringComparison.Ordinal))
            {
                return new LexicalMatch(0.85, LexicalMatchKind.Prefix);
            }

            var fuzzy = Fuzzy(phrase, text);
            return fuzzy with { Score = fuzzy.Score * 0.5 };
        }

        return Fuzzy(phrase, text);
    }

    private static LexicalMatch Fuzzy(TextFeatures phrase, TextFeatures text)
    {
        var best = LexicalMatch.None;
        if (phrase.StemSet.Count > 0 && text.StemSet.Count > 0 && phrase.StemSet.SetEquals(text.StemSet))
        {
            return new LexicalMatch(0.97, LexicalMatchKind.Exact);
        }

        if (phrase.CanonicalSet.Count > 0 && text.CanonicalSet.Count > 0 && phrase.CanonicalSet.SetEquals(text.CanonicalSet))
        {
            return new LexicalMatch(0.95, LexicalMatchKind.Synonym);
        }

        if (text.Normalized.StartsWith(phrase.Normalized + " ", StringComparison.Ordinal))
        {
            var ratio = (double)phrase.Normalized.Length / text.Normalized.Length;
            best = Max(best, new LexicalMatch(0.85 + (0.1 * ratio), LexicalMatchKind.Prefix));
        }

        var rawOverlap = Overlap(phrase.Stems, text.Stems);
        var canonicalOverlap = Overlap(phrase.Canonical, text.Canonical);
        if (canonicalOverlap > 0 && phrase.Canonical.Count > 0)
        {
            var dice = 2.0 * canonicalOverlap / (phrase.Canonical.Count + text.Canonical.Count);
            var recall = canonicalOverlap / phrase.Canonical.Count;
            var kind = canonicalOverlap > rawOverlap + 1e-9 ? LexicalMatchKind.Synonym : LexicalMatchKind.Tokens;
            best = Max(best, new LexicalMatch(0.85 * ((dice + recall) / 2), kind));
        }

        var trigram = Dice(phrase.Trigrams, text.Trigrams);
        if (trigram > 0.25)
        {
            best = Max(best, new LexicalMatch(0.75 * trigram, LexicalMatchKind.Spelling));
        }

        return best;
    }

    private static LexicalMatch Max(LexicalMatch a, LexicalMatch b) => b.Score > a.Score ? b : a;

    /// <summary>How many phrase tokens have a match in the text; a token of 4+ letters also matches a token it begins or that begins it.</summary>
    private static double Overlap(IReadOnlyList<string> phrase, IReadOnlyList<string> text)
    {
        if (phrase.Count == 0 || text.Count == 0)
        {
            return 0;
        }

        var used = new bool[text.Count];
        double overlap = 0;
        foreach (var token in phrase)
        {
            var bestIndex = -1;
            double bestValue = 0;
            for (var j = 0; j < text.Count; j++)
            {
                if (used[j])
                {
                    continue;
                }

                var value = TokenMatch(token, text[j]);
                if (value > bestValue)
                {
                    bestValue = value;
                    bestIndex = j;
                }
            }

            if (bestIndex >= 0)
            {
                used[bestIndex] = true;
                overlap += bestValue;
            }
        }

        return overlap;
    }

    private static double TokenMatch(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a[0] == UiSynonyms.KeyPrefix || b[0] == UiSynonyms.KeyPrefix)
        {
            return UiSynonyms.AreRelated(a, b) ? 0.75 : 0;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length >= 4 && longer.StartsWith(shorter, StringComparison.Ordinal) ? 0.8 : 0;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = 0;
        foreach (var gram in small)
        {
            if (large.Contains(gram))
            {
                common++;
            }
        }

        return 2.0 * common / (a.Count + b.Count);
    }
}
