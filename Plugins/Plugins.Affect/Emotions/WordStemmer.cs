using System;

namespace Plugins.Affect.Emotions;

/// <summary>
/// A light English suffix stripper for matching cue words (both the lexicon's words and the text's go through it):
/// possessive 's; -iness to -y; -ies/-ied to -y; then one of -ing, -ed, -s (not -ss), undoubling a final consonant
/// (not l, s, z) after -ing/-ed; then a final -e. No -ly stripping ("lovely" stays apart from "love"). Thread-safe.
/// </summary>
internal static class WordStemmer
{
    /// <summary>The stem of a lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
        if (w.Length > 6 && w.EndsWith("iness", StringComparison.Ordinal))
        {
            w = w[..^5] + "y";
        }
        else if (w.Length > 4 && (w.EndsWith("ies", StringComparison.Ordinal) || w.EndsWith("ied", StringComparison.Ordinal)))
        {
            w = w[..^3] + "y";
        }
        else if (w.Length >= 6 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            w = Undouble(w[..^3]);
        }
        else if (w.Length >= 5 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            w = Undouble(w[..^2]);
        }
        else if (w.Length >= 4 && w[^1] == 's' && w[^2] != 's')
        {
            w = w[..^1];
        }

        return w.Length > 3 && w[^1] == 'e' ? w[..^1] : w;
    }

    private static string Undouble(string w) =>
        w.Length >= 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') && !IsVowel(w[^1]) ? w[..^1] : w;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
