using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Plugins.Affect.Text;

/// <summary>
/// VADER's two data files, read as the original reads them: <c>vader_lexicon.txt</c> (word TAB mean valence TAB ...,
/// looked up by the lower-cased token, so its few upper-case entries such as <c>:D</c> never match) and
/// <c>emoji_utf8_lexicon.txt</c> (emoji TAB description). Immutable, so safe to share across threads.
/// </summary>
internal sealed class VaderLexicon
{
    private const string ResourcePrefix = "Plugins.Affect.Text.Data.";

    private VaderLexicon(FrozenDictionary<string, double> valences, FrozenDictionary<int, string> emoji)
    {
        Valences = valences;
        Emoji = emoji;
    }

    /// <summary>Gets the mean valence (-4..4) of each lexicon entry.</summary>
    public FrozenDictionary<string, double> Valences { get; }

    /// <summary>
    /// Gets the description of each single-code-point emoji. The original replaces text one code point at a time,
    /// so its multi-code-point entries (flags, skin tones, ZWJ sequences) can never match and are left out.
    /// </summary>
    public FrozenDictionary<int, string> Emoji { get; }

    /// <summary>Loads both lexicons from the assembly's embedded resources.</summary>
    public static VaderLexicon LoadEmbedded() =>
        Parse(ReadResource("vader_lexicon.txt"), ReadResource("emoji_utf8_lexicon.txt"));

    /// <summary>Parses the two files' contents.</summary>
    /// <exception cref="InvalidDataException">A line lacks its tab-separated second field, or a valence is not a number.</exception>
    public static VaderLexicon Parse(string lexiconText, string emojiText)
    {
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in Lines(lexiconText))
        {
            // The original skips empty lines here (not in the emoji file) and keeps the last of duplicate entries.
            if (line.Length == 0)
            {
                continue;
            }

            var (word, measure) = TwoFields(line, "vader_lexicon.txt");
            if (!double.TryParse(measure.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new InvalidDataException($"vader_lexicon.txt: the valence of '{word}' is '{measure}', not a number.");
            }

            valences[word] = valence;
        }

        var emoji = new Dictionary<int, string>();
        foreach (var line in Lines(emojiText))
        {
            var (symbol, description) = TwoFields(line, "emoji_utf8_lexicon.txt");
            if (symbol.Length > 0 && char.ConvertToUtf32(symbol, 0) is var codePoint && char.ConvertFromUtf32(codePoint).Length == symbol.Length)
            {
                emoji[codePoint] = description;
            }
        }

        return new VaderLexicon(valences.ToFrozenDictionary(StringComparer.Ordinal), emoji.ToFrozenDictionary());
    }

    // content.rstrip('\n').split('\n')
    private static string[] Lines(string content) => content.TrimEnd('\n').Split('\n');

    // line.strip().split('\t')[0:2]
    private static (string First, string Second) TwoFields(string line, string file)
    {
        var fields = Strip(line).Split('\t');
        if (fields.Length < 2)
        {
            throw new InvalidDataException($"{file}: the line '{line}' has no tab-separated second field.");
        }

        return (fields[0], fields[1]);
    }

    private static string Strip(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && PythonText.IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && PythonText.IsSpace(s[end - 1]))
        {
            end--;
        }

        return s.Substring(start, end - start);
    }

    private static string ReadResource(string file)
    {
        var name = ResourcePrefix + file;
        using var stream = typeof(VaderLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {typeof(VaderLexicon).Assembly.GetName().Name}; it is built from Plugins/Plugins.Affect/Text/Data/{file}.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}
