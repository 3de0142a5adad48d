using System.Linq;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class EmotionHintProviderTests
{
    [Fact]
    public void Propose_TwoJoyCues_JoyWithBothWords()
    {
        var hints = new EmotionHintProvider().Propose("I am so happy and excited today!", EmotionLabelSet.SemEvalEc);

        var candidate = Assert.Single(hints.Candidates);
        Assert.Equal("joy", candidate.Emotion);
        Assert.Equal(2, candidate.Score);
        Assert.Equal(["happy", "excited"], candidate.CueWords);
        Assert.Equal(["happy", "excited"], hints.CueWords);
        Assert.Null(hints.Polarity);
        Assert.Null(hints.Compound);
    }

    [Fact]
    public void Propose_NegatedCue_NotCounted()
    {
        var hints = new EmotionHintProvider().Propose("I am not happy.", EmotionLabelSet.SemEvalEc);

        Assert.Empty(hints.Candidates);
        Assert.Empty(hints.CueWords);
    }

    [Fact]
    public void Propose_NegatorInEarlierClause_DoesNotNegate()
    {
        var hints = new EmotionHintProvider().Propose("Not bad, I am happy", EmotionLabelSet.SemEvalEc);

        Assert.Equal("joy", Assert.Single(hints.Candidates).Emotion);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void Propose_NegatorThreeWordsBefore_NegatesOnlyWithinTheWindow(int window, bool joy)
    {
        var hints = new EmotionHintProvider(options: new EmotionHintOptions { NegationWindow = window }).Propose("I'm not really very happy", EmotionLabelSet.SemEvalEc);

        Assert.Equal(joy ? ["joy"] : [], hints.Candidates.Select(c => c.Emotion));
    }

    [Fact]
    public void Propose_NegatedCueWithAnalyzer_OffersTheDriverAndPolarityOnly()
    {
        var analyzer = new FakeSentimentAnalyzer(-0.4585, ("happy", -1.65));

        var hints = new EmotionHintProvider(sentimentAnalyzer: analyzer).Propose("I am not happy.", EmotionLabelSet.SemEvalEc);

        Assert.Empty(hints.Candidates);
        Assert.Equal(["happy"], hints.CueWords);
        Assert.Equal("negative", hints.Polarity);
        Assert.Equal(-0.4585, hints.Compound);
        Assert.Equal(1, analyzer.Calls);
    }

    [Fact]
    public void Propose_Phrase_MatchedWholeAndNotReadAsNegation()
    {
        var hints = new EmotionHintProvider().Propose("I can't wait for the trip", EmotionLabelSet.SemEvalEc);

        var candidate = Assert.Single(hints.Candidates);
        Assert.Equal("anticipation", candidate.Emotion);
        Assert.Equal(["can't wait"], candidate.CueWords);
    }

    [Fact]
    public void Propose_PositiveAnalyzer_WeighsCandidatesByPolarity()
    {
        var analyzer = new FakeSentimentAnalyzer(0.5, ("love", 3.2), ("scared", -1.9), ("trip", 0.5));

        var hints = new EmotionHintProvider(sentimentAnalyzer: analyzer).Propose("I love you but I am scared", EmotionLabelSet.SemEvalEc);

        Assert.Equal(["love", "fear"], hints.Candidates.Select(c => c.Emotion));
        Assert.Equal(1.5, hints.Candidates[0].Score, 12);
        Assert.Equal(1 / 1.5, hints.Candidates[1].Score, 12);
        Assert.Equal(["love", "scared", "trip"], hints.CueWords);
        Assert.Equal("positive", hints.Polarity);
    }

    [Fact]
    public void Propose_InflectedForms_MatchThroughStems_TiesInSetOrder()
    {
        var hints = new EmotionHintProvider().Propose("She was worried and crying", EmotionLabelSet.SemEvalEc);

        Assert.Equal(["fear", "sadness"], hints.Candidates.Select(c => c.Emotion));
        Assert.Equal(["worried", "crying"], hints.CueWords);
    }

    [Fact]
    public void Propose_LabelOutsideTheSet_NeverProposed()
    {
        var provider = new EmotionHintProvider();

        Assert.Empty(provider.Propose("I love you", EmotionLabelSet.Ekman).Candidates);
        Assert.Empty(provider.Propose("I am happy", EmotionLabelSet.Create("calm", ["calm", "tense"])).Candidates);
    }

    [Fact]
    public void Propose_MaxCandidatesAndCueWords_Capped()
    {
        var provider = new EmotionHintProvider(options: new EmotionHintOptions { MaxCandidates = 1, MaxCueWords = 2 });

        var hints = provider.Propose("Happy, sad, angry and scared", EmotionLabelSet.SemEvalEc);

        Assert.Equal(["anger"], hints.Candidates.Select(c => c.Emotion));
        Assert.Equal(["happy", "sad"], hints.CueWords);
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new EmotionHintProvider(options: new EmotionHintOptions { MaxCandidates = 0 }));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new EmotionHintProvider(options: new EmotionHintOptions { PolarityFactor = 0.5 }));
    }
}
