using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Plugins.Affect.Text;

namespace Plugins.Affect.Emotions;

/// <summary>
/// Stage 1 of HEF-style (Hybrid Emotion Fusion) prompting: a small model proposes candidate primary emotions and cue
/// words, which the LLM prompt asks the model to consider first. Two sources:
/// <list type="number">
/// <item>the cue-word list (<see cref="EmotionLexicon"/>): the text's words are lower-cased and stemmed
/// (<c>worried</c> matches <c>worry</c>), phrases are matched longest first, and a cue with a negator (<c>not</c>,
/// <c>no</c>, <c>never</c>, <c>n't</c>, <c>without</c>, ...) among the <see cref="EmotionHintOptions.NegationWindow"/>
/// words before it in its clause does not count; each un-negated cue scores 1 for its label;</item>
/// <item>the sentiment analyzer (VADER), when given: its drivers become cue words, and its polarity (compound
/// &gt;= 0.05 positive, &lt;= -0.05 negative) multiplies a candidate of the same polarity by
/// <see cref="EmotionHintOptions.PolarityFactor"/> and one of the opposite polarity by its reciprocal.</item>
/// </list>
/// Candidates are the labels of the label set with a score above 0, best first (ties in the set's order). Thread-safe.
/// </summary>
public sealed partial class EmotionHintProvider
{
    private static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nor", "neither", "nobody", "nothing", "none", "nowhere", "without", "hardly", "barely",
        "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt",
        "couldnt", "aint", "havent", "hasnt", "hadnt",
    };

    private readonly EmotionLexicon _lexicon;
    private readonly ITextSentimentAnalyzer? _sentimentAnalyzer;
    private readonly EmotionHintOptions _options;

    /// <summary>Creates the provider.</summary>
    /// <param name="lexicon">The cue-word list; default <see cref="EmotionLexicon.Default"/>.</param>
    /// <param name="sentimentAnalyzer">The sentiment analyzer (VADER) whose drivers and polarity join the hints; optional.</param>
    /// <param name="options">The options (validated now); default <see cref="EmotionHintOptions"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public EmotionHintProvider(EmotionLexicon? lexicon = null, ITextSentimentAnalyzer? sentimentAnalyzer = null, EmotionHintOptions? options = null)
    {
        _options = options ?? new EmotionHintOptions();
        _options.Validate();
        _lexicon = lexicon ?? EmotionLexicon.Default;
        _sentimentAnalyzer = sentimentAnalyzer;
    }

    /// <summary>Proposes candidate emotions of <paramref name="labels"/> and cue words for <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="labels">The label set the candidates come from (labels the lexicon lacks are never proposed).</param>
    /// <returns>The hints (possibly with no candidates).</returns>
    public EmotionHints Propose(string text, EmotionLabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(labels);
        var tokens = Tokenize(text);

        // One pass per label: each position takes that label's longest phrase (so "can't wait" is one cue, not a negated "wait").
        var hits = new List<(int Position, string Word, string Label)>();
        foreach (var label in labels.Labels)
        {
            var cues = _lexicon.CuesOf(label);
            for (var i = 0; i < tokens.Count;)
            {
                var length = LongestCue(cues, tokens, i);
                if (length == 0)
                {
                    i++;
                    continue;
                }

                if (!IsNegated(tokens, i))
                {
                    hits.Add((i, string.Join(' ', tokens.Skip(i).Take(length).Select(t => t.Word)), label));
                }

                i += length;
            }
        }

        SentimentScores? sentiment = _sentimentAnalyzer?.Analyze(text);
        string? polarity = sentiment is null ? null : sentiment.Compound >= 0.05 ? "positive" : sentiment.Compound <= -0.05 ? "negative" : "neutral";

        var candidates = new List<EmotionCandidate>();
        foreach (var label in labels.Labels)
        {
            var own = hits.Where(h => h.Label == label).OrderBy(h => h.Position).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            double score = own.Count;
            var labelPolarity = _lexicon.PolarityOf(label);
            if (polarity is "positive" or "negative" && labelPolarity is "positive" or "negative")
            {
                score = labelPolarity == polarity ? score * _options.PolarityFactor : score / _options.PolarityFactor;
            }

            candidates.Add(new EmotionCandidate(label, score, own.Select(h => h.Word).Distinct(StringComparer.Ordinal).ToArray()));
        }

        var ranked = candidates
            .Select((c, order) => (c, order))
            .OrderByDescending(x => x.c.Score).ThenBy(x => x.order)
            .Select(x => x.c).Take(_options.MaxCandidates).ToArray();

        var cueWords = new List<string>();
        foreach (var word in hits.OrderBy(h => h.Position).Select(h => h.Word).Concat(sentiment?.Drivers.Select(d => d.Word) ?? []))
        {
            if (cueWords.Count < _options.MaxCueWords && !cueWords.Contains(word, StringComparer.Ordinal))
            {
                cueWords.Add(word);
            }
        }

        return new EmotionHints(ranked, cueWords.ToArray(), polarity, sentiment?.Compound);
    }

    /// <summary>The words of <paramref name="text"/>: lower-cased (curly apostrophes straightened), stemmed, with their clause number (clauses end at . , ; : ! ? and line breaks).</summary>
    internal static List<(string Word, string Stem, int Clause)> Tokenize(string text)
    {
        var tokens = new List<(string, string, int)>();
        var clause = 0;
        foreach (Match match in Token().Matches(text.Replace('\u2019', '\'')))
        {
            if (!char.IsLetterOrDigit(match.Value[0]) && match.Value[0] != '\'')
            {
                clause++;
                continue;
            }

            var word = match.Value.ToLowerInvariant().Trim('\'');
            if (word.Length > 0)
            {
                tokens.Add((word, WordStemmer.Stem(word), clause));
            }
        }

        return tokens;
    }

    private static int LongestCue(IReadOnlyList<string[]> cues, List<(string Word, string Stem, int Clause)> tokens, int start)
    {
        var best = 0;
        foreach (var cue in cues)
        {
            if (cue.Length > best && start + cue.Length <= tokens.Count && cue.Select((stem, k) => tokens[start + k].Stem == stem).All(x => x))
            {
                best = cue.Length;
            }
        }

        return best;
    }

    private bool IsNegated(List<(string Word, string Stem, int Clause)> tokens, int position)
    {
        for (var k = position - 1; k >= 0 && k >= position - _options.NegationWindow; k--)
        {
            if (tokens[k].Clause != tokens[position].Clause)
            {
                return false;
            }

            var word = tokens[k].Word;
            if (Negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+|[.,;:!?\n]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
