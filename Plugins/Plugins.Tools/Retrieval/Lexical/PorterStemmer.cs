using System;

namespace Plugins.Tools.Retrieval.Lexical;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer ("An algorithm for suffix stripping", Program 14(3)), steps 1a to 5b
/// as published (step 2 with <c>ABLI</c> -> <c>ABLE</c>, without the later <c>BLI</c>/<c>LOGI</c> revisions). Input is
/// a lower-case word of ASCII letters; words of one or two letters and words with other characters are returned
/// unchanged. Stateless and thread-safe.
/// </summary>
public static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", string.Empty), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", string.Empty), ("ness", string.Empty),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
        "ate", "iti", "ous", "ive", "ize",
    ];

    /// <summary>Returns the stem of <paramref name="word"/> (for example <c>relational</c> -> <c>relat</c>, <c>ponies</c> -> <c>poni</c>).</summary>
    /// <param name="word">A lower-case word.</param>
    /// <returns>The stem; the word itself when it is shorter than three letters or not all ASCII lower-case letters.</returns>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return word;
            }
        }

        var w = word;
        w = Step1A(w);
        w = Step1B(w);
        w = Step1C(w);
        w = ApplyRules(w, Step2Rules, 0);
        w = ApplyRules(w, Step3Rules, 0);
        w = Step4(w);
        w = Step5A(w);
        w = Step5B(w);
        return w;
    }

    // A consonant is a letter other than a, e, i, o, u, and other than y preceded by a consonant.
    private static bool IsConsonant(string w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    // m in [C](VC)^m[V], over w[0..length).
    private static int Measure(string w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }

        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= length)
            {
                break;
            }

            while (i < length && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    // *v*: the stem w[0..length) contains a vowel.
    private static bool HasVowel(string w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    // *d: the stem ends with a double consonant.
    private static bool EndsDoubleConsonant(string w, int length) =>
        length >= 2 && w[length - 1] == w[length - 2] && IsConsonant(w, length - 1);

    // *o: the stem ends cvc, where the second c is not w, x or y.
    private static bool EndsCvc(string w, int length) =>
        length >= 3
        && IsConsonant(w, length - 3) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 1)
        && w[length - 1] is not ('w' or 'x' or 'y');

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
            return Measure(w, w.Length - 3) > 0 ? w[..^1] : w;
        }

        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w, w.Length - 2))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w, w.Length - 3))
        {
            stem = w[..^3];
        }
        else
        {
            return w;
        }

        // The tidy-up after a removed -ed or -ing.
        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal) || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }

        if (EndsDoubleConsonant(stem, stem.Length) && stem[^1] is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }

        if (Measure(stem, stem.Length) == 1 && EndsCvc(stem, stem.Length))
        {
            return stem + "e";
        }

        return stem;
    }

    private static string Step1C(string w) =>
        w.EndsWith('y') && HasVowel(w, w.Length - 1) ? w[..^1] + "i" : w;

    // Steps 2 and 3: the longest matching suffix decides; it is replaced when the stem's measure exceeds minMeasure.
    private static string ApplyRules(string w, (string Suffix, string Replacement)[] rules, int minMeasure)
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

        var stemLength = w.Length - rules[best].Suffix.Length;
        return Measure(w, stemLength) > minMeasure ? w[..stemLength] + rules[best].Replacement : w;
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

        var stemLength = w.Length - best.Length;
        if (Measure(w, stemLength) <= 1)
        {
            return w;
        }

        // (m>1 and (*S or *T)) ION.
        if (best == "ion" && (stemLength == 0 || w[stemLength - 1] is not ('s' or 't')))
        {
            return w;
        }

        return w[..stemLength];
    }

    private static string Step5A(string w)
    {
        if (!w.EndsWith('e'))
        {
            return w;
        }

        var stemLength = w.Length - 1;
        var m = Measure(w, stemLength);
        return m > 1 || (m == 1 && !EndsCvc(w, stemLength)) ? w[..stemLength] : w;
    }

    private static string Step5B(string w) =>
        w.EndsWith("ll", StringComparison.Ordinal) && Measure(w, w.Length) > 1 ? w[..^1] : w;
}
