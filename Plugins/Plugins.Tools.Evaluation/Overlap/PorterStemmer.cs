using System;

namespace Plugins.Tools.Evaluation.Overlap;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer for lower-case English words: steps 1a to 5b of "An algorithm for
/// suffix stripping". Words of one or two letters are returned as they are. Thread-safe (no state).
/// </summary>
internal static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", string.Empty), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", string.Empty), ("ness", string.Empty),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
    ];

    /// <summary>Returns the stem of <paramref name="word"/> (lower-case letters expected).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        var w = word;
        w = Step1A(w);
        w = Step1B(w);
        w = Step1C(w);
        w = ApplyLongest(w, Step2Rules, 0);
        w = ApplyLongest(w, Step3Rules, 0);
        w = Step4(w);
        w = Step5(w);
        return w;
    }

    private static string Step1A(string w)
    {
        if (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        if (w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w;
        }

        return w.EndsWith('s') ? w[..^1] : w;
    }

    private static string Step1B(string w)
    {
        if (w.EndsWith("eed", StringComparison.Ordinal))
        {
            return Measure(w[..^3]) > 0 ? w[..^1] : w;
        }

        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w[..^2]))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w[..^3]))
        {
            stem = w[..^3];
        }
        else
        {
            return w;
        }

        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        if (EndsWithDoubleConsonant(stem) && stem[^1] is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }

        return Measure(stem) == 1 && EndsCvc(stem) ? stem + "e" : stem;
    }

    private static string Step1C(string w) =>
        w.EndsWith('y') && HasVowel(w[..^1]) ? w[..^1] + "i" : w;

    private static string ApplyLongest(string w, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        var best = -1;
        for (var i = 0; i < rules.Length; i++)
        {
            if (w.EndsWith(rules[i].Suffix, StringComparison.Ordinal) && (best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return w;
        }

        var stem = w[..^rules[best].Suffix.Length];
        return Measure(stem) > minMeasure ? stem + rules[best].Replacement : w;
    }

    private static string Step4(string w)
    {
        string? best = null;
        foreach (var suffix in Step4Suffixes)
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && (best is null || suffix.Length > best.Length))
            {
                best = suffix;
            }
        }

        if (best is null)
        {
            return w;
        }

        var stem = w[..^best.Length];
        if (Measure(stem) <= 1)
        {
            return w;
        }

        // (m>1 and (*S or *T)) ION: "ion" goes only after s or t.
        if (best == "ion" && (stem.Length == 0 || stem[^1] is not ('s' or 't')))
        {
            return w;
        }

        return stem;
    }

    private static string Step5(string w)
    {
        if (w.EndsWith('e'))
        {
            var stem = w[..^1];
            var m = Measure(stem);
            if (m > 1 || (m == 1 && !EndsCvc(stem)))
            {
                w = stem;
            }
        }

        return Measure(w) > 1 && EndsWithDoubleConsonant(w) && w[^1] == 'l' ? w[..^1] : w;
    }

    private static bool IsConsonant(string w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    /// <summary>Porter's m: the number of vowel-consonant sequences in [C](VC)^m[V].</summary>
    private static int Measure(string w)
    {
        var m = 0;
        var i = 0;
        while (i < w.Length && IsConsonant(w, i))
        {
            i++;
        }

        while (i < w.Length)
        {
            while (i < w.Length && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= w.Length)
            {
                break;
            }

            while (i < w.Length && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private static bool HasVowel(string w)
    {
        for (var i = 0; i < w.Length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDoubleConsonant(string w) =>
        w.Length >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1);

    /// <summary>*o: the word ends consonant-vowel-consonant and the last consonant is not w, x or y.</summary>
    private static bool EndsCvc(string w) =>
        w.Length >= 3 && IsConsonant(w, w.Length - 3) && !IsConsonant(w, w.Length - 2) && IsConsonant(w, w.Length - 1) && w[^1] is not ('w' or 'x' or 'y');
}
