using System;
using System.Collections.Generic;
using System.Linq;

namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// One text prepared for comparison: its normalised form, the same without spaces, its stemmed content tokens before
/// and after synonym replacement (stop words dropped) and its character trigrams. Immutable.
/// </summary>
internal sealed class TextFeatures
{
    private static readonly HashSet<string> StopWords = new(
        ["a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "by", "from", "into", "is", "are", "be", "this", "that", "it", "its", "my", "your", "our", "please", "here"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> ArticleWords = new(
        ["a", "an", "the", "this", "that", "these", "those", "it", "its", "my", "your", "our", "their"],
        StringComparer.Ordinal);

    private TextFeatures(string text)
    {
        Text = text;
        var tokens = TextTokenizer.Tokenize(text);
        Normalized = string.Join(' ', tokens);
        Compact = string.Concat(tokens);
        var stems = tokens.Where(t => !IsArticle(t)).Select(LightStemmer.Stem).ToList();
        Stems = stems.Where(t => !StopWords.Contains(t)).ToArray();
        Canonical = UiSynonyms.Canonicalize(stems, out var replaced).Where(t => !StopWords.Contains(t)).ToArray();
        HasSynonyms = replaced;
        StemSet = new HashSet<string>(Stems, StringComparer.Ordinal);
        CanonicalSet = new HashSet<string>(Canonical, StringComparer.Ordinal);
        Trigrams = BuildTrigrams(Compact);
    }

    /// <summary>The original text.</summary>
    public string Text { get; }

    /// <summary>Tokens joined by single spaces.</summary>
    public string Normalized { get; }

    /// <summary>Tokens joined without spaces ("log in" and "login" agree).</summary>
    public string Compact { get; }

    /// <summary>Stemmed tokens without stop words.</summary>
    public IReadOnlyList<string> Stems { get; }

    /// <summary>Stemmed tokens with synonym phrases replaced by group keys, without stop words.</summary>
    public IReadOnlyList<string> Canonical { get; }

    /// <summary><see cref="Stems"/> as a set.</summary>
    public HashSet<string> StemSet { get; }

    /// <summary><see cref="Canonical"/> as a set.</summary>
    public HashSet<string> CanonicalSet { get; }

    /// <summary>Whether any synonym phrase was replaced.</summary>
    public bool HasSynonyms { get; }

    /// <summary>Character trigrams of <see cref="Compact"/> padded with one boundary mark each side.</summary>
    public HashSet<string> Trigrams { get; }

    /// <summary>Whether the text has no tokens.</summary>
    public bool IsEmpty => Normalized.Length == 0;

    /// <summary>
    /// Whether a lower-case token is an article, determiner or pronoun, dropped before synonym phrases are matched
    /// ("throw it in the bin" matches "throw in bin").
    /// </summary>
    public static bool IsArticle(string token) => ArticleWords.Contains(token);

    /// <summary>Features of <paramref name="text"/>.</summary>
    public static TextFeatures Create(string text) => new(text);

    private static HashSet<string> BuildTrigrams(string compact)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (compact.Length == 0)
        {
            return set;
        }

        var padded = "#" + compact + "#";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add(padded.Substring(i, 3));
        }

        return set;
    }
}
