using System;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Affect.Text;

namespace Plugins.Affect.Tests.Text;

/// <summary>
/// VADER's rules one at a time, with expected values worked out by hand from the published constants and the
/// lexicon entries (good 1.9, bad -2.5, kind 2.4, ok 1.2 (its second entry), grinning 1.5; compound = s / sqrt(s^2 + 15)).
/// </summary>
public class VaderSentimentAnalyzerTests
{
    private readonly VaderSentimentAnalyzer _analyzer = VaderSentimentAnalyzer.Shared;

    [Fact]
    public void Analyze_SingleLexiconWord_CompoundIsNormalisedValence()
    {
        // Act
        var scores = _analyzer.Analyze("good");

        // Assert: 1.9 / sqrt(1.9^2 + 15) = 0.44043; the only token is positive.
        Assert.Equal(0.4404, scores.Compound);
        Assert.Equal(1.0, scores.Positive);
        Assert.Equal(0.0, scores.Neutral);
        Assert.Equal(0.0, scores.Negative);
        Assert.Equal([new SentimentDriver("good", 1.9)], scores.Drivers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the table")]
    public void Analyze_NoSentimentWords_ScoresNeutralWithoutDrivers(string text)
    {
        // Act
        var scores = _analyzer.Analyze(text);

        // Assert: no tokens gives all zeros (as the original); neutral tokens give neu 1.
        Assert.Equal(0.0, scores.Compound);
        Assert.Equal(text.Trim().Length == 0 ? 0.0 : 1.0, scores.Neutral);
        Assert.Empty(scores.Drivers);
    }

    [Fact]
    public void Analyze_Negation_ScalesByMinus074()
    {
        // Act
        var scores = _analyzer.Analyze("not good");

        // Assert: 1.9 * -0.74 = -1.406 -> -1.406 / sqrt(1.976836 + 15) = -0.34124; neg 2.406 / 3.406, neu 1 / 3.406.
        Assert.Equal(-0.3412, scores.Compound);
        Assert.Equal(0.706, scores.Negative);
        Assert.Equal(0.294, scores.Neutral);
        Assert.Equal(-1.406, Assert.Single(scores.Drivers).Valence, 12);
    }

    [Theory]
    [InlineData("isn't good")]
    [InlineData("no good")]
    [InlineData("least good")]
    public void Analyze_OtherNegators_FlipLikeNot(string text)
    {
        // Act
        var scores = _analyzer.Analyze(text);

        // Assert: "n't" words, "no" before a lexicon word (which then counts 0 itself) and a leading "least" all give 1.9 * -0.74.
        Assert.Equal(-0.3412, scores.Compound);
    }

    [Fact]
    public void Analyze_AtLeast_DoesNotNegate()
    {
        // Act
        var scores = _analyzer.Analyze("at least good");

        // Assert
        Assert.Equal(0.4404, scores.Compound);
    }

    [Fact]
    public void Analyze_BoostersWithDistance_AddScaledIncrements()
    {
        // Act
        var one = _analyzer.Analyze("very good");
        var two = _analyzer.Analyze("the movie was very very good");

        // Assert: 1.9 + 0.293 = 2.193 -> 0.49273; 1.9 + 0.293 + 0.293 * 0.95 = 2.47135 -> 0.53794.
        Assert.Equal(0.4927, one.Compound);
        Assert.Equal(0.5379, two.Compound);
    }

    [Fact]
    public void Analyze_AllCapsWordInMixedCase_AddsCapitalIncrement()
    {
        // Act
        var word = _analyzer.Analyze("GOOD day");
        var booster = _analyzer.Analyze("VERY good day");
        var allCaps = _analyzer.Analyze("GOOD");

        // Assert: 1.9 + 0.733 = 2.633 -> 0.56222; 1.9 + 0.293 + 0.733 = 2.926 -> 0.60279; all caps everywhere adds nothing.
        Assert.Equal(0.5622, word.Compound);
        Assert.Equal(0.6028, booster.Compound);
        Assert.Equal(0.4404, allCaps.Compound);
    }

    [Theory]
    [InlineData("good!!!", 0.5826)] // 1.9 + 3 * 0.292 = 2.776
    [InlineData("good!!!!!!", 0.6209)] // at most 4: 1.9 + 1.168 = 3.068
    [InlineData("good?", 0.4404)] // one '?' adds nothing
    [InlineData("good??", 0.504)] // 1.9 + 2 * 0.18 = 2.26
    [InlineData("good????", 0.594)] // 4 or more: 1.9 + 0.96 = 2.86
    [InlineData("bad!!!", -0.6571)] // away from zero: -2.5 - 0.876 = -3.376
    public void Analyze_PunctuationEmphasis_AddsAwayFromZero(string text, double expected)
    {
        // Act
        var scores = _analyzer.Analyze(text);

        // Assert
        Assert.Equal(expected, scores.Compound);
    }

    [Fact]
    public void Analyze_But_HalvesBeforeAndAddsHalfAfter()
    {
        // Act
        var scores = _analyzer.Analyze("bad but good");

        // Assert: -2.5 * 0.5 + 1.9 * 1.5 = 1.6 -> 0.38182.
        Assert.Equal(0.3818, scores.Compound);
        Assert.Equal(["bad", "good"], scores.Drivers.Select(d => d.Word));
        Assert.Equal(-1.25, scores.Drivers[0].Valence, 12);
        Assert.Equal(2.85, scores.Drivers[1].Valence, 12);
    }

    [Fact]
    public void Analyze_ButWithEqualValues_ReproducesOriginalListIndexQuirk()
    {
        // Act: "kind" 2.4 is halved to 1.2 first; then "ok" (1.2) is looked up by value, found at "kind", which is halved again.
        var scores = _analyzer.Analyze("kind but ok");

        // Assert: 0.6 + 1.2 = 1.8 -> 0.42146 (not 1.2 + 1.8 = 3.0); pos 3.8 / 4.8, neu 1 / 4.8.
        Assert.Equal(0.4215, scores.Compound);
        Assert.Equal(0.792, scores.Positive);
        Assert.Equal(0.208, scores.Neutral);
        Assert.Equal(0.6, scores.Drivers[0].Valence, 12);
        Assert.Equal(1.2, scores.Drivers[1].Valence, 12);
    }

    [Fact]
    public void Analyze_NeverSo_BoostsInsteadOfNegating()
    {
        // Act
        var scores = _analyzer.Analyze("never so good");

        // Assert: (1.9 + 0.293) * 1.25 = 2.74125 -> 0.57772.
        Assert.Equal(0.5777, scores.Compound);
    }

    [Fact]
    public void Analyze_KindOfAfterThreeWords_DampensByNgram()
    {
        // Act
        var scores = _analyzer.Analyze("it was kind of good");
        var early = _analyzer.Analyze("kind of good");

        // Assert: "kind" before "of" is no word of its own; 1.9 - 0.293 = 1.607 -> 0.38325. At the start the n-gram
        // check never runs (it needs three words before), so it stays 1.9 with two neutral tokens: pos 2.9 / 4.9.
        Assert.Equal(0.3832, scores.Compound);
        Assert.Equal(0.4404, early.Compound);
        Assert.Equal(0.592, early.Positive);
    }

    [Fact]
    public void Analyze_SpecialIdiom_ReplacesValenceAndNamesTheIdiom()
    {
        // Act: "shit" (-2.6) becomes 3 in "the shit", checked once three words precede it.
        var scores = _analyzer.Analyze("dude this is the shit");

        // Assert: 3 / sqrt(9 + 15) = 0.61237.
        Assert.Equal(0.6124, scores.Compound);
        Assert.Equal([new SentimentDriver("the shit", 3)], scores.Drivers);
    }

    [Fact]
    public void Analyze_Emoji_ScoresItsDescriptionAndNamesIt()
    {
        // Act
        var scores = _analyzer.Analyze("😀");

        // Assert: "grinning face": 1.5 / sqrt(2.25 + 15) = 0.36116; pos 2.5 / 3.5.
        Assert.Equal(0.3612, scores.Compound);
        Assert.Equal(0.714, scores.Positive);
        Assert.Equal([new SentimentDriver("grinning face", 1.5)], scores.Drivers);
    }

    [Fact]
    public void Analyze_DuplicateLexiconEntry_LastOneWins()
    {
        // Act: vader_lexicon.txt lists "ok" twice (1.6, then 1.2); the original keeps the last.
        var scores = _analyzer.Analyze("ok");

        // Assert: 1.2 / sqrt(1.44 + 15) = 0.29596.
        Assert.Equal(0.296, scores.Compound);
    }

    [Fact]
    public void Analyze_ShortTokenWithPunctuation_KeepsPunctuationAndMissesLexicon()
    {
        // Act: "ok!" strips to "ok", two characters, so the original keeps "ok!", which is no lexicon word.
        var scores = _analyzer.Analyze("ok!");

        // Assert
        Assert.Equal(0.0, scores.Compound);
        Assert.Empty(scores.Drivers);
    }

    [Fact]
    public void Analyze_Drivers_SumToValenceSumInTextOrder()
    {
        // Act
        var scores = _analyzer.Analyze("The food was great, but the service was slow and rude.");

        // Assert: "great" 3.1 * 0.5 before "but"; "slow" is not in the lexicon; "rude" -2.0 * 1.5 after.
        Assert.Equal(["great", "rude"], scores.Drivers.Select(d => d.Word));
        Assert.Equal(1.55, scores.Drivers[0].Valence, 12);
        Assert.Equal(-3.0, scores.Drivers[1].Valence, 12);
    }

    [Fact]
    public void AnalyzeAll_Lines_ScoresEachInOrder()
    {
        // Act
        var scores = _analyzer.AnalyzeAll(["good", "not good", ""]).ToList();

        // Assert
        Assert.Equal([0.4404, -0.3412, 0.0], scores.Select(s => s.Compound));
    }

    [Fact]
    public void Analyze_Null_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentNullException>(() => _analyzer.Analyze(null!));
    }

    [Fact]
    public async Task Analyze_ManyThreads_SameScores()
    {
        // Arrange
        var texts = VaderReference.All.Select(r => r.Text).ToArray();
        var expected = texts.Select(t => _analyzer.Analyze(t).Compound).ToArray();

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => texts.Select(t => _analyzer.Analyze(t).Compound).ToArray())));

        // Assert
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Constructor_New_LoadsEmbeddedLexicons()
    {
        // Act
        var scores = new VaderSentimentAnalyzer().Analyze("I love it 😡");

        // Assert: love 3.2, "pouting face" has no lexicon word: 3.2 / sqrt(10.24 + 15) = 0.636949943 (just below the tie).
        Assert.Equal(0.6369, scores.Compound);
    }
}
