using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Gui.Grounding.Matching;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>
/// Chooses among OCR spans that score almost the same ("Sign", "Sign in", "Sign in to continue" for "Sign in"): the
/// one whose words best cover the instruction's own words (Jaccard overlap, after dropping verbs, articles and UI nouns
/// such as "click", "the", "button"), so a span is neither cut short nor padded with its neighbours.
/// </summary>
internal static class SpanPreference
{
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "click", "tap", "press", "select", "choose", "hit", "open", "push", "find", "go", "to", "the", "a", "an", "on",
        "button", "link", "field", "icon", "tab", "menu", "item", "please", "labeled", "labelled", "called", "named",
        "text", "option", "box", "checkbox", "input", "that", "says", "reading", "with", "word", "words",
    };

    /// <summary>Moves the best-covering candidate among those within <paramref name="margin"/> of the top score to the front.</summary>
    public static IReadOnlyList<CandidateScore> Reorder(string instruction, IReadOnlyList<CandidateScore> ranked, double margin = 0.06)
    {
        if (ranked.Count < 2)
        {
            return ranked;
        }

        var wanted = Words(instruction).Where(w => !Filler.Contains(w)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return ranked;
        }

        var top = ranked[0].Score;
        var best = 0;
        var bestCover = Cover(wanted, ranked[0].Candidate.Name);
        for (var i = 1; i < ranked.Count && ranked[i].Score >= top - margin; i++)
        {
            var cover = Cover(wanted, ranked[i].Candidate.Name);
            if (cover > bestCover + 1e-9)
            {
                best = i;
                bestCover = cover;
            }
        }

        if (best == 0)
        {
            return ranked;
        }

        var reordered = new List<CandidateScore>(ranked.Count) { ranked[best] };
        reordered.AddRange(ranked.Where((_, i) => i != best));
        return reordered;
    }

    private static double Cover(HashSet<string> wanted, string text)
    {
        var words = Words(text).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return 0;
        }

        var shared = words.Count(wanted.Contains);
        return (double)shared / (wanted.Count + words.Count - shared);
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
