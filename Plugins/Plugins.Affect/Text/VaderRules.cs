using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace Plugins.Affect.Text;

/// <summary>
/// VADER's rules, turning tokens into one valence per token (Hutto and Gilbert, ICWSM 2014; constants and word lists
/// as in the original <c>vaderSentiment.py</c>). Per lexicon word, in order: its lexicon valence; "no" as a negator
/// of the next words; ALL-CAPS emphasis; for each of the three preceding tokens that is not itself a lexicon word:
/// booster or dampener (scaled 1, 0.95, 0.9 by distance), then negation ("never so/this" x1.25, "without doubt"
/// exempt), then, at distance 3, the special-case idioms and the "kind of"/"sort of" n-grams; finally "least". Then
/// the whole sentence: the contrastive "but". Immutable, so thread-safe.
/// </summary>
internal sealed class VaderRules
{
    /// <summary>Empirical mean increase of intensity from a booster word.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Empirical mean decrease of intensity from a dampener word.</summary>
    public const double BoosterDecrement = -0.293;

    /// <summary>Empirical mean increase of intensity from writing a word in ALL CAPS among mixed-case text.</summary>
    public const double CapitalIncrement = 0.733;

    /// <summary>The factor a negation applies to a valence.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>The negation words (any token containing "n't" negates too).</summary>
    public static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
        "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt",
        "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt",
        "won't", "wouldn't", "rarely", "seldom", "despite",
    ], StringComparer.Ordinal);

    /// <summary>The boosters (+0.293) and dampeners (-0.293), including the two- and three-word ones matched as n-grams.</summary>
    public static readonly FrozenDictionary<string, double> Boosters = BuildBoosters();

    /// <summary>Idioms and phrases whose valence replaces the word's (they contain a lexicon word, e.g. "the shit").</summary>
    public static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["badass"] = 1.5, ["bus stop"] = 0.0,
        ["yeah right"] = -2, ["kiss of death"] = -1.5, ["to die for"] = 3, ["beating heart"] = 3.1, ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, double> _lexicon;

    /// <summary>Initializes a new instance of the <see cref="VaderRules"/> class.</summary>
    public VaderRules(VaderLexicon lexicon) => _lexicon = lexicon.Valences;

    /// <summary>Computes each token's valence after all rules, and for each token the idiom that set it (or null).</summary>
    public (double[] Valences, string?[] Idioms) Apply(VaderText text)
    {
        var tokens = text.Tokens;
        var valences = new double[tokens.Count];
        var idioms = new string?[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var lower = tokens[i].Lower;

            // Modifiers carry no valence of their own: boosters, dampeners and the "kind" of "kind of".
            var isModifier = Boosters.ContainsKey(lower) || (lower == "kind" && i + 1 < tokens.Count && tokens[i + 1].Lower == "of");
            if (!isModifier && _lexicon.TryGetValue(lower, out var lexiconValence))
            {
                valences[i] = WordValence(text, i, lexiconValence, out idioms[i]);
            }
        }

        ApplyContrastiveBut(tokens, valences);
        return (valences, idioms);
    }

    /// <summary>Returns whether <paramref name="lower"/> negates what follows: a negation word or any word containing "n't".</summary>
    public static bool IsNegation(string lower) => Negations.Contains(lower) || lower.Contains("n't", StringComparison.Ordinal);

    /// <summary>
    /// The "but" rule: valences before the first "but" are halved, those after it scaled by 1.5. Reproduces the
    /// original's quirk: it finds each value's position with <c>list.index</c> (the FIRST equal value) while it
    /// rewrites the list, so when an earlier token holds an equal value, that earlier token is the one rescaled
    /// (e.g. a value after "but" equal to an already rescaled one before it).
    /// </summary>
    public static void ApplyContrastiveBut(IReadOnlyList<VaderToken> tokens, double[] valences)
    {
        var butIndex = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Lower == "but")
            {
                butIndex = i;
                break;
            }
        }

        if (butIndex < 0)
        {
            return;
        }

        for (var k = 0; k < valences.Length; k++)
        {
            var value = valences[k];
            if (value == 0)
            {
                // A zero rescaled is still zero.
                continue;
            }

            var first = Array.IndexOf(valences, value);

            if (first < butIndex)
            {
                valences[first] = value * 0.5;
            }
            else if (first > butIndex)
            {
                valences[first] = value * 1.5;
            }
        }
    }

    private double WordValence(VaderText text, int i, double lexiconValence, out string? idiom)
    {
        idiom = null;
        var tokens = text.Tokens;
        var valence = NoRule(tokens, i, lexiconValence);
        if (tokens[i].IsUpper && text.IsCapitalDifferential)
        {
            // Quirk kept: a zero valence (a "no" before a lexicon word) counts as negative here.
            valence = valence > 0 ? valence + CapitalIncrement : valence - CapitalIncrement;
        }

        for (var distance = 1; distance <= 3; distance++)
        {
            if (i < distance || _lexicon.ContainsKey(tokens[i - distance].Lower))
            {
                continue;
            }

            var scalar = ModifierScalar(tokens[i - distance], valence, text.IsCapitalDifferential);
            scalar *= distance switch { 2 => 0.95, 3 => 0.9, _ => 1.0 };
            valence += scalar;
            valence = NegationRule(tokens, i, distance, valence);
            if (distance == 3)
            {
                valence = IdiomRule(tokens, i, valence, ref idiom);
            }
        }

        return LeastRule(tokens, i, valence);
    }

    // "no" directly before a lexicon word negates it instead of counting itself; words up to two after "no"
    // (three when the word in between is "or"/"nor") are negated.
    private double NoRule(IReadOnlyList<VaderToken> tokens, int i, double lexiconValence)
    {
        var valence = lexiconValence;
        if (tokens[i].Lower == "no" && i != tokens.Count - 1 && _lexicon.ContainsKey(tokens[i + 1].Lower))
        {
            valence = 0.0;
        }

        if ((i > 0 && tokens[i - 1].Lower == "no")
            || (i > 1 && tokens[i - 2].Lower == "no")
            || (i > 2 && tokens[i - 3].Lower == "no" && tokens[i - 1].Lower is "or" or "nor"))
        {
            valence = lexiconValence * NegationScalar;
        }

        return valence;
    }

    // A booster adds 0.293 away from zero (a dampener the reverse), plus 0.733 more when it is in ALL CAPS among
    // mixed-case text; the sign follows the valence so far (zero counts as positive for the booster, negative for caps).
    private static double ModifierScalar(VaderToken modifier, double valence, bool capitalDifferential)
    {
        if (!Boosters.TryGetValue(modifier.Lower, out var scalar))
        {
            return 0.0;
        }

        if (valence < 0)
        {
            scalar *= -1;
        }

        if (modifier.IsUpper && capitalDifferential)
        {
            scalar = valence > 0 ? scalar + CapitalIncrement : scalar - CapitalIncrement;
        }

        return scalar;
    }

    // Distance 1: a negation flips (x -0.74). Distance 2: "never so/this" x1.25, "without doubt" exempt, else a
    // negation flips. Distance 3: "never so/this" two back, or "so"/"this" directly before (the original's operator
    // precedence: no "never" needed), x1.25; "without" with "doubt" after it exempt; else a negation flips.
    private static double NegationRule(IReadOnlyList<VaderToken> tokens, int i, int distance, double valence)
    {
        string W(int back) => tokens[i - back].Lower;
        switch (distance)
        {
            case 1:
                return IsNegation(W(1)) ? valence * NegationScalar : valence;
            case 2:
                if (W(2) == "never" && W(1) is "so" or "this")
                {
                    return valence * 1.25;
                }

                if (W(2) == "without" && W(1) == "doubt")
                {
                    return valence;
                }

                return IsNegation(W(2)) ? valence * NegationScalar : valence;
            default:
                if ((W(3) == "never" && W(2) is "so" or "this") || W(1) is "so" or "this")
                {
                    return valence * 1.25;
                }

                if (W(3) == "without" && (W(2) == "doubt" || W(1) == "doubt"))
                {
                    return valence;
                }

                return IsNegation(W(3)) ? valence * NegationScalar : valence;
        }
    }

    // The special cases around the word (the first of five phrases ending at or before it, then the two starting at
    // it, the later one winning) replace its valence; then each of the n-grams "w-3 w-2 w-1", "w-3 w-2", "w-2 w-1"
    // that is a multi-word booster ("kind of", "sort of", "just enough") adds its unsigned value.
    private static double IdiomRule(IReadOnlyList<VaderToken> tokens, int i, double valence, ref string? idiom)
    {
        string W(int index) => tokens[index].Lower;
        var threeTwoOne = $"{W(i - 3)} {W(i - 2)} {W(i - 1)}";
        var threeTwo = $"{W(i - 3)} {W(i - 2)}";
        var twoOne = $"{W(i - 2)} {W(i - 1)}";
        string[] before = [$"{W(i - 1)} {W(i)}", $"{W(i - 2)} {W(i - 1)} {W(i)}", twoOne, threeTwoOne, threeTwo];
        foreach (var phrase in before)
        {
            if (SpecialCases.TryGetValue(phrase, out var value))
            {
                valence = value;
                idiom = phrase;
                break;
            }
        }

        if (tokens.Count - 1 > i && SpecialCases.TryGetValue($"{W(i)} {W(i + 1)}", out var next))
        {
            valence = next;
            idiom = $"{W(i)} {W(i + 1)}";
        }

        if (tokens.Count - 1 > i + 1 && SpecialCases.TryGetValue($"{W(i)} {W(i + 1)} {W(i + 2)}", out var nextTwo))
        {
            valence = nextTwo;
            idiom = $"{W(i)} {W(i + 1)} {W(i + 2)}";
        }

        foreach (var gram in (string[])[threeTwoOne, threeTwo, twoOne])
        {
            if (Boosters.TryGetValue(gram, out var scalar))
            {
                valence += scalar;
            }
        }

        return valence;
    }

    // "least" directly before flips the word (x -0.74) unless it reads "at least" or "very least".
    private double LeastRule(IReadOnlyList<VaderToken> tokens, int i, double valence)
    {
        if (i > 1 && !_lexicon.ContainsKey(tokens[i - 1].Lower) && tokens[i - 1].Lower == "least")
        {
            return tokens[i - 2].Lower is not "at" and not "very" ? valence * NegationScalar : valence;
        }

        if (i > 0 && !_lexicon.ContainsKey(tokens[i - 1].Lower) && tokens[i - 1].Lower == "least")
        {
            return valence * NegationScalar;
        }

        return valence;
    }

    private static FrozenDictionary<string, double> BuildBoosters()
    {
        string[] increments =
        [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
            "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
            "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
            "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
            "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
            "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
        ];
        string[] decrements =
        [
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
            "somewhat", "sort of", "sorta", "sortof", "sort-of",
        ];
        var boosters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in increments)
        {
            boosters[word] = BoosterIncrement;
        }

        foreach (var word in decrements)
        {
            boosters[word] = BoosterDecrement;
        }

        return boosters.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
