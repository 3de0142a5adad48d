using System;

namespace Plugins.Affect.Text;

/// <summary>
/// Turns token valences into VADER's scores: the compound (the valence sum, plus punctuation emphasis away from zero,
/// normalised by x / sqrt(x^2 + 15)) and the neg/neu/pos proportions (each non-zero valence counts its magnitude
/// plus 1, each zero counts 1; the emphasis joins the larger side), rounded as Python's <c>round</c> does.
/// </summary>
internal static class VaderScorer
{
    /// <summary>The normalisation constant: about the largest sum expected.</summary>
    public const double Alpha = 15;

    /// <summary>Emphasis per exclamation mark (at most 4 count).</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>Emphasis per question mark when there are 2 or 3.</summary>
    public const double QuestionIncrement = 0.18;

    /// <summary>Emphasis for 4 question marks or more.</summary>
    public const double ManyQuestionsIncrement = 0.96;

    /// <summary>Scores <paramref name="valences"/> of a text whose prepared form is <paramref name="prepared"/>.</summary>
    /// <returns>neg, neu, pos rounded to 3 decimals and compound rounded to 4.</returns>
    public static (double Negative, double Neutral, double Positive, double Compound) Score(double[] valences, string prepared)
    {
        if (valences.Length == 0)
        {
            return (0.0, 0.0, 0.0, 0.0);
        }

        // Left to right, as CPython 3.11's sum() adds floats (3.12 and later compensate; see the README).
        var sum = 0.0;
        foreach (var v in valences)
        {
            sum += v;
        }

        var emphasis = PunctuationEmphasis(prepared);
        if (sum > 0)
        {
            sum += emphasis;
        }
        else if (sum < 0)
        {
            sum -= emphasis;
        }

        var compound = Normalize(sum);

        var positive = 0.0;
        var negative = 0.0;
        var neutral = 0;
        foreach (var v in valences)
        {
            if (v > 0)
            {
                positive += v + 1;
            }

            if (v < 0)
            {
                negative += v - 1;
            }

            if (v == 0)
            {
                neutral++;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return (
            PythonRounding.Round(Math.Abs(negative / total), 3),
            PythonRounding.Round(Math.Abs(neutral / total), 3),
            PythonRounding.Round(Math.Abs(positive / total), 3),
            PythonRounding.Round(compound, 4));
    }

    /// <summary>VADER's normalisation of a valence sum into [-1, 1]: x / sqrt(x^2 + 15).</summary>
    public static double Normalize(double score)
    {
        var normalized = score / Math.Sqrt((score * score) + Alpha);
        return normalized < -1.0 ? -1.0 : normalized > 1.0 ? 1.0 : normalized;
    }

    /// <summary>The emphasis of the text's '!' (0.292 each, at most 4) and '?' (0.18 each for 2 or 3, 0.96 for more; a single '?' adds nothing).</summary>
    public static double PunctuationEmphasis(string prepared)
    {
        var exclamations = 0;
        var questions = 0;
        foreach (var c in prepared)
        {
            exclamations += c == '!' ? 1 : 0;
            questions += c == '?' ? 1 : 0;
        }

        var exclamation = Math.Min(exclamations, 4) * ExclamationIncrement;
        var question = questions <= 1 ? 0.0 : questions <= 3 ? questions * QuestionIncrement : ManyQuestionsIncrement;
        return exclamation + question;
    }
}
