using System;
using System.Text;

namespace Plugins.Affect.Text;

/// <summary>
/// The few Python 3 string semantics VADER's scores depend on, reproduced exactly: <c>str.split()</c> and
/// <c>str.strip()</c> whitespace, <c>str.strip(string.punctuation)</c>, <c>len</c> in code points,
/// <c>str.isupper()</c> (Unicode <c>Uppercase</c>/<c>Lowercase</c> properties, not just letter categories) and
/// <c>str.lower()</c> (full case mapping of U+0130).
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>string.punctuation</c>.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // Other_Uppercase and Other_Lowercase (Unicode 14, as in CPython 3.11): characters Python counts as upper or
    // lower case although their category is not Lu or Ll (Roman numerals, circled letters, modifier letters).
    private static readonly (int First, int Last)[] OtherUppercase =
    [
        (0x2160, 0x216F), (0x24B6, 0x24CF), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189),
    ];

    private static readonly (int First, int Last)[] OtherLowercase =
    [
        (0xAA, 0xAA), (0xBA, 0xBA), (0x2B0, 0x2B8), (0x2C0, 0x2C1), (0x2E0, 0x2E4), (0x345, 0x345), (0x37A, 0x37A),
        (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x2071, 0x2071), (0x207F, 0x207F), (0x2090, 0x209C),
        (0x2170, 0x217F), (0x24D0, 0x24E9), (0x2C7C, 0x2C7D), (0xA69C, 0xA69D), (0xA770, 0xA770), (0xA7F8, 0xA7F9),
        (0xAB5C, 0xAB5F), (0x10780, 0x10780), (0x10783, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA),
    ];

    /// <summary>Returns whether <paramref name="c"/> is whitespace to Python's <c>str.split()</c>/<c>str.strip()</c> (all such characters are in the BMP).</summary>
    public static bool IsSpace(char c) =>
        c is (>= '\u0009' and <= '\u000D') or (>= '\u001C' and <= '\u0020') or '\u0085' or '\u00A0' or '\u1680'
            or (>= '\u2000' and <= '\u200A') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000';

    /// <summary>Returns whether <paramref name="c"/> is in <see cref="Punctuation"/>.</summary>
    public static bool IsPunctuation(char c) => c < 128 && Punctuation.Contains(c, StringComparison.Ordinal);

    /// <summary>Python's <c>s.strip(string.punctuation)</c>.</summary>
    public static string StripPunctuation(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsPunctuation(s[start]))
        {
            start++;
        }

        while (end > start && IsPunctuation(s[end - 1]))
        {
            end--;
        }

        return s.Substring(start, end - start);
    }

    /// <summary>Python's <c>len(s)</c>: the number of code points (a surrogate pair counts once).</summary>
    public static int CodePointCount(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>Python's <c>s.isupper()</c>: no lower- or title-case character and at least one upper-case one.</summary>
    public static bool IsUpper(string s)
    {
        var cased = false;
        foreach (var rune in s.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == System.Globalization.UnicodeCategory.LowercaseLetter || category == System.Globalization.UnicodeCategory.TitlecaseLetter || InRanges(rune.Value, OtherLowercase))
            {
                return false;
            }

            if (category == System.Globalization.UnicodeCategory.UppercaseLetter || InRanges(rune.Value, OtherUppercase))
            {
                cased = true;
            }
        }

        return cased;
    }

    /// <summary>
    /// Python's <c>s.lower()</c> as far as it matters here: invariant lower case, except U+0130 which Python maps to
    /// "i" + U+0307 (its one unconditional multi-character lower-case mapping). Greek final sigma is not special-cased
    /// (it cannot change a lexicon match).
    /// </summary>
    public static string ToLower(string s)
    {
        var ascii = true;
        foreach (var c in s)
        {
            if (c >= 128)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return s.ToLowerInvariant();
        }

        var builder = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.Value == 0x130)
            {
                builder.Append("i\u0307");
            }
            else
            {
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return builder.ToString();
    }

    private static bool InRanges(int value, (int First, int Last)[] ranges)
    {
        foreach (var (first, last) in ranges)
        {
            if (value >= first && value <= last)
            {
                return true;
            }
        }

        return false;
    }
}
