using System;
using System.Collections.Generic;

namespace Plugins.Affect.Text;

/// <summary>
/// VADER sentiment (Hutto and Gilbert, ICWSM 2014), offline, reproducing the original Python implementation
/// (<c>cjhutto/vaderSentiment</c>) score for score, quirks included, with its lexicon and emoji lexicon embedded
/// (MIT; notice in <c>Text/Data/LICENSE-VADER.txt</c>). Besides the scores it reports the drivers: each token with a
/// non-zero valence after the rules, in text order, named by its lower-cased word, by the idiom that set its
/// valence (e.g. "the shit"), or by the emoji's description (the valences of one emoji's words summed). The
/// drivers' valences sum to the valence sum behind the compound score, before punctuation emphasis.
/// Thread-safe: every instance is immutable after construction; share <see cref="Shared"/>.
/// </summary>
public sealed class VaderSentimentAnalyzer : ITextSentimentAnalyzer
{
    private static readonly Lazy<VaderSentimentAnalyzer> SharedInstance = new(() => new VaderSentimentAnalyzer());

    private readonly VaderTokenizer _tokenizer;
    private readonly VaderRules _rules;

    /// <summary>Initializes a new instance of the <see cref="VaderSentimentAnalyzer"/> class, loading the embedded lexicons (about 7,500 words and 3,570 emoji; a few milliseconds).</summary>
    public VaderSentimentAnalyzer()
    {
        var lexicon = VaderLexicon.LoadEmbedded();
        _tokenizer = new VaderTokenizer(lexicon);
        _rules = new VaderRules(lexicon);
    }

    /// <summary>Gets a process-wide instance, created on first use.</summary>
    public static VaderSentimentAnalyzer Shared => SharedInstance.Value;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public SentimentScores Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prepared = _tokenizer.Tokenize(text);
        var (valences, idioms) = _rules.Apply(prepared);
        var (negative, neutral, positive, compound) = VaderScorer.Score(valences, prepared.Prepared);
        return new SentimentScores
        {
            Negative = negative,
            Neutral = neutral,
            Positive = positive,
            Compound = compound,
            Drivers = Drivers(prepared, valences, idioms),
        };
    }

    /// <summary>Scores each of <paramref name="texts"/> (e.g. the lines of a file), lazily and in order.</summary>
    /// <param name="texts">The texts; none may be null.</param>
    /// <returns>One <see cref="SentimentScores"/> per text, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its items is null.</exception>
    public IEnumerable<SentimentScores> AnalyzeAll(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return AnalyzeEach(texts);
    }

    private IEnumerable<SentimentScores> AnalyzeEach(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            yield return Analyze(text);
        }
    }

    private static List<SentimentDriver> Drivers(VaderText text, double[] valences, string?[] idioms)
    {
        var drivers = new List<SentimentDriver>();
        var lastEmoji = -1;
        for (var i = 0; i < valences.Length; i++)
        {
            if (valences[i] == 0)
            {
                continue;
            }

            var emoji = text.Tokens[i].Emoji;
            if (emoji >= 0 && emoji == lastEmoji)
            {
                // Another word of the same emoji's description: one driver per emoji.
                drivers[^1] = drivers[^1] with { Valence = drivers[^1].Valence + valences[i] };
                continue;
            }

            var word = idioms[i] ?? (emoji >= 0 ? text.EmojiDescriptions[emoji] : text.Tokens[i].Lower);
            drivers.Add(new SentimentDriver(word, valences[i]));
            lastEmoji = emoji;
        }

        return drivers;
    }
}
