using System.Collections.Generic;
using System.Text;

namespace Plugins.Affect.Text;

/// <summary>
/// Turns a text into VADER tokens: each emoji code point in the emoji lexicon becomes its description (with a space
/// before it unless a space precedes, none after), outer whitespace is stripped, the text is split on whitespace, and
/// each piece loses its leading and trailing ASCII punctuation unless that would leave two code points or fewer
/// (which keeps emoticons such as <c>:)</c> and short words such as <c>ok!</c> unchanged: <c>"ok!"</c> stays <c>"ok!"</c>
/// and so is not the lexicon's <c>ok</c>, a quirk of the original). Thread-safe.
/// </summary>
internal sealed class VaderTokenizer
{
    private readonly VaderLexicon _lexicon;

    /// <summary>Initializes a new instance of the <see cref="VaderTokenizer"/> class.</summary>
    public VaderTokenizer(VaderLexicon lexicon) => _lexicon = lexicon;

    /// <summary>Prepares <paramref name="text"/> for scoring.</summary>
    public VaderText Tokenize(string text)
    {
        var (replaced, origins, descriptions) = ReplaceEmoji(text);

        // text.strip()
        var start = 0;
        var end = replaced.Length;
        while (start < end && PythonText.IsSpace(replaced[start]))
        {
            start++;
        }

        while (end > start && PythonText.IsSpace(replaced[end - 1]))
        {
            end--;
        }

        var prepared = replaced.Substring(start, end - start);
        var tokens = new List<VaderToken>();
        var allCaps = 0;
        var i = start;
        while (i < end)
        {
            if (PythonText.IsSpace(replaced[i]))
            {
                i++;
                continue;
            }

            var tokenStart = i;
            var emoji = -1;
            while (i < end && !PythonText.IsSpace(replaced[i]))
            {
                if (emoji < 0)
                {
                    emoji = origins[i];
                }

                i++;
            }

            var piece = replaced.Substring(tokenStart, i - tokenStart);
            var stripped = PythonText.StripPunctuation(piece);
            var word = PythonText.CodePointCount(stripped) <= 2 ? piece : stripped;
            var isUpper = PythonText.IsUpper(word);
            allCaps += isUpper ? 1 : 0;
            tokens.Add(new VaderToken(word, PythonText.ToLower(word), isUpper, emoji));
        }

        var differential = tokens.Count - allCaps;
        return new VaderText(prepared, tokens, descriptions, differential > 0 && differential < tokens.Count);
    }

    private (string Text, List<int> Origins, List<string> Descriptions) ReplaceEmoji(string text)
    {
        var builder = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length);
        var descriptions = new List<string>();
        var previousSpace = true;
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var codePoint = width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (_lexicon.Emoji.TryGetValue(codePoint, out var description))
            {
                if (!previousSpace)
                {
                    builder.Append(' ');
                    origins.Add(-1);
                }

                builder.Append(description);
                for (var k = 0; k < description.Length; k++)
                {
                    origins.Add(descriptions.Count);
                }

                descriptions.Add(description);
                previousSpace = false;
            }
            else
            {
                builder.Append(text, i, width);
                origins.Add(-1);
                if (width == 2)
                {
                    origins.Add(-1);
                }

                // Only a plain space counts here, as in the original.
                previousSpace = text[i] == ' ';
            }

            i += width;
        }

        return (builder.ToString(), origins, descriptions);
    }
}
