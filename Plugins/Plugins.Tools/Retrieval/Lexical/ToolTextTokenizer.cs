using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text;

namespace Plugins.Tools.Retrieval.Lexical;

/// <summary>
/// Splits tool names, descriptions and instructions into terms for lexical retrieval: words break at every character
/// that is not a letter or digit (so at <c>_</c>, <c>-</c>, <c>.</c> and spaces), at camelCase boundaries
/// (<c>getWeather</c> -> get, weather; <c>HTTPServer</c> -> http, server) and between letters and digits
/// (<c>utf8</c> -> utf, 8); words are lower-cased (invariant), English stop words dropped and the rest stemmed with
/// <see cref="PorterStemmer"/>. Stateless and thread-safe.
/// </summary>
public static class ToolTextTokenizer
{
    // A common English stop-word list (articles, pronouns, auxiliaries, prepositions, conjunctions).
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets whether <paramref name="word"/> (lower case) is an English stop word.</summary>
    /// <param name="word">A lower-case word.</param>
    /// <returns>True for stop words such as <c>the</c>, <c>of</c>, <c>will</c>.</returns>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Splits <paramref name="text"/> into lower-case words (no stop-word removal, no stemming).</summary>
    /// <param name="text">A name, description or instruction.</param>
    /// <returns>The words in order, for example <c>getWeatherForecast_v2</c> -> get, weather, forecast, v, 2.</returns>
    public static IReadOnlyList<string> SplitWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(current, words);
                continue;
            }

            if (current.Length > 0 && IsBoundary(text, i))
            {
                Flush(current, words);
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(current, words);
        return words;
    }

    /// <summary>Splits <paramref name="text"/> into retrieval terms: words, without stop words, Porter-stemmed.</summary>
    /// <param name="text">A name, description or instruction.</param>
    /// <returns>The terms in order (repeats kept), for example <c>get_weather_forecasts</c> -> get, weather, forecast.</returns>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var words = SplitWords(text);
        var terms = new List<string>(words.Count);
        foreach (var word in words)
        {
            if (!IsStopWord(word))
            {
                terms.Add(PorterStemmer.Stem(word));
            }
        }

        return terms;
    }

    // A new word starts at text[i] (a letter or digit following another letter or digit).
    private static bool IsBoundary(string text, int i)
    {
        var previous = text[i - 1];
        var c = text[i];
        if (char.IsDigit(previous) != char.IsDigit(c))
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(c))
        {
            return true;
        }

        // An acronym followed by a word: "HTTPServer" breaks before the "S".
        return char.IsUpper(previous) && char.IsUpper(c) && i + 1 < text.Length && char.IsLower(text[i + 1]);
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
