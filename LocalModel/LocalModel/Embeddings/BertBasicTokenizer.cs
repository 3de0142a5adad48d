using System.Globalization;
using System.Text;

namespace LocalModel.Embeddings;

/// <summary>
/// The normalisation and pre-tokenization of Hugging Face's uncased BERT tokenizer (the <c>tokenizers</c> library's
/// <c>BertNormalizer</c> with clean_text, handle_chinese_chars, strip_accents and lowercase, then
/// <c>BertPreTokenizer</c>): returns the words separated by single spaces, ready for WordPiece.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' own basic tokenization (2.0.1) drops symbols that are not Unicode punctuation
/// (<c>= &lt; &gt; + $ ^ | ~ € £</c>, emoji) and deletes tabs and newlines instead of splitting on them, so its
/// <see cref="Microsoft.ML.Tokenizers.BertTokenizer"/> is used for WordPiece only, on this output.
/// Lower-casing is .NET's invariant simple case mapping; Rust's full mapping differs for a handful of characters
/// (e.g. U+0130).
/// </remarks>
internal static class BertBasicTokenizer
{
    public static string Split(string text)
    {
        // BertNormalizer.do_clean_text: drop NUL, U+FFFD and control characters (category C*, except tab, LF, CR),
        // then map whitespace to a space. handle_chinese_chars: put spaces around CJK ideographs.
        var cleaned = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                cleaned.Append(' ').Append(rune.ToString()).Append(' ');
            }
            else
            {
                cleaned.Append(rune.ToString());
            }
        }

        // strip_accents: NFD, then drop non-spacing marks; lowercase.
        var decomposed = cleaned.ToString().Normalize(NormalizationForm.FormD);
        var words = new StringBuilder(decomposed.Length + 16);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune).ToString();

            // BertPreTokenizer: split on whitespace, isolate each punctuation character.
            if (IsPunctuation(rune))
            {
                words.Append(' ').Append(lower).Append(' ');
            }
            else
            {
                words.Append(lower);
            }
        }

        return words.ToString();
    }

    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r')
        && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    // ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or any Unicode punctuation category.
    private static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjkIdeograph(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
