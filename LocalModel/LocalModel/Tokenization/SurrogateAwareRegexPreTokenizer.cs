using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Tokenization;

/// <summary>
/// Splits text with a HuggingFace pre-tokenizer regex the way the Rust and Python regex engines do, which match
/// by code point.
/// </summary>
/// <remarks>
/// .NET's <see cref="Regex"/> matches UTF-16 code units: a character outside the Basic Multilingual Plane is two
/// surrogates of category Cs, so <c>\p{L}</c> never matches 𝐀 (U+1D400) and <c>\p{N}</c> never matches 𝟏 (U+1D7CF).
/// "x𝐀y" then splits as "x", "𝐀", "y" instead of "x𝐀y". Before matching, each surrogate pair is replaced by one
/// BMP character of the same Unicode category (a letter by a letter, a digit by a digit, ...), and the match
/// offsets are mapped back to the original text.
/// </remarks>
internal sealed class SurrogateAwareRegexPreTokenizer : PreTokenizer
{
    private readonly Regex _regex;

    public SurrogateAwareRegexPreTokenizer(Regex regex)
    {
        _regex = regex;
    }

    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        string.IsNullOrEmpty(text) ? [] : Split(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) =>
        text.IsEmpty ? [] : Split(text);

    private List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var splits = new List<(int Offset, int Length)>();
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (var match in _regex.EnumerateMatches(text))
            {
                if (match.Length > 0)
                {
                    splits.Add((match.Index, match.Length));
                }
            }

            return splits;
        }

        // original[i] is the offset in text of folded character i; original[folded.Length] == text.Length.
        var folded = new char[text.Length];
        var original = new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            original[count] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                folded[count++] = Placeholder(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                folded[count++] = text[i];
            }
        }

        original[count] = text.Length;
        foreach (var match in _regex.EnumerateMatches(folded.AsSpan(0, count)))
        {
            if (match.Length > 0)
            {
                var start = original[match.Index];
                splits.Add((start, original[match.Index + match.Length] - start));
            }
        }

        return splits;
    }

    // A BMP stand-in of the same general category, chosen to be unlikely as a literal in a pattern.
    internal static char Placeholder(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter => '\u00C0',
        UnicodeCategory.LowercaseLetter => '\u00E0',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => codePoint is >= 0x20000 and <= 0x3FFFF ? '\u4E00' : '\u01BB',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u00AB',
        UnicodeCategory.FinalQuotePunctuation => '\u00BB',
        UnicodeCategory.OtherPunctuation => '\u00B6',
        UnicodeCategory.MathSymbol => '\u00AC',
        UnicodeCategory.CurrencySymbol => '\u00A2',
        UnicodeCategory.ModifierSymbol => '\u00A8',
        UnicodeCategory.OtherSymbol => '\u00A6',
        UnicodeCategory.Format => '\u00AD',
        UnicodeCategory.PrivateUse => '\uE000',
        _ => '\u0378',
    };
}
