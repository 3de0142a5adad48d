namespace Plugins.Gui.Grounding.Matching;

/// <summary>
/// A light English stemmer for UI words, after Porter's step 1 (plurals, <c>-ed</c>, <c>-ing</c>) plus <c>-ly</c>
/// and a final silent <c>e</c>: <c>settings</c>, <c>setting</c> and <c>set</c> agree, as do <c>delete</c>,
/// <c>deleted</c> and <c>deleting</c>, and <c>messages</c> and <c>message</c>. Words of three letters or fewer and
/// numbers are kept as they are. The result is a matching key, not always a word. Thread-safe (no state).
/// </summary>
public static class LightStemmer
{
    /// <summary>The stem of a lower-case <paramref name="word"/>.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        var w = word;

        // Porter step 1a: plurals.
        if (w.EndsWith("sses", System.StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("ies", System.StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", System.StringComparison.Ordinal) && !w.EndsWith("us", System.StringComparison.Ordinal) && !w.EndsWith("is", System.StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        // Porter step 1b: -ed and -ing when a vowel stays in the stem, then undouble a final double consonant.
        if (w.EndsWith("ing", System.StringComparison.Ordinal) && w.Length - 3 >= 3 && HasVowel(w[..^3]))
        {
            w = Undouble(w[..^3]);
        }
        else if (w.EndsWith("ied", System.StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("ed", System.StringComparison.Ordinal) && w.Length - 2 >= 3 && HasVowel(w[..^2]))
        {
            w = Undouble(w[..^2]);
        }
        else if (w.EndsWith("ly", System.StringComparison.Ordinal) && w.Length - 2 >= 4)
        {
            w = w[..^2];
        }

        // Porter step 1c: a final y after a consonant agrees with i.
        if (w.EndsWith('y') && w.Length > 3 && !IsVowel(w[^2]))
        {
            w = w[..^1] + "i";
        }

        // A final silent e: "delete" and "delet(ed)" agree.
        if (w.EndsWith('e') && w.Length >= 4)
        {
            w = w[..^1];
        }

        return w;
    }

    private static string Undouble(string stem) =>
        stem.Length >= 4 && stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;

    private static bool HasVowel(string s)
    {
        foreach (var c in s)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
