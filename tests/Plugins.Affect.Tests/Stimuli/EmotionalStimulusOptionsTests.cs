using System;
using Plugins.Affect.Stimuli;

namespace Plugins.Affect.Tests.Stimuli;

public sealed class EmotionalStimulusOptionsTests
{
    [Fact]
    public void Constructor_Defaults_DisabledSpaceFirstPositiveStimulus()
    {
        var options = new EmotionalStimulusOptions();

        Assert.False(options.Enabled);
        Assert.Equal(StimulusPlacement.AppendWithSpace, options.Placement);
        Assert.Empty(options.AllowedFunctions);
        Assert.Equal("pos-self-monitoring-1", options.Resolve().Id);
    }

    [Theory]
    [InlineData(StimulusTheory.SocialComparison, 0, "neg-comparison-1")]
    [InlineData(StimulusTheory.SocialComparison, 2, "neg-comparison-3")]
    [InlineData(StimulusTheory.SocialComparison, 4, "neg-comparison-2")]
    [InlineData(StimulusTheory.CognitiveEmotionRegulation, 1, "pos-emotion-regulation-2")]
    public void Resolve_TheoryAndChoice_PicksCandidateChoiceModuloCount(StimulusTheory theory, int choice, string expected)
    {
        var options = new EmotionalStimulusOptions { Theory = theory, Choice = choice };

        Assert.Equal(expected, options.Resolve().Id);
    }

    [Fact]
    public void Resolve_NegativePolarity_PicksFirstNegativeInDataOrder()
    {
        var options = new EmotionalStimulusOptions { Polarity = StimulusPolarity.Negative };

        Assert.Equal("neg-dissonance-1", options.Resolve().Id);
    }

    [Fact]
    public void Validate_UnknownId_ThrowsListingKnownIds()
    {
        var options = new EmotionalStimulusOptions { StimulusId = "pos-99" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("'pos-99'", error.Message, StringComparison.Ordinal);
        Assert.Contains("neg-stress-3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdWithTheory_Throws()
    {
        var options = new EmotionalStimulusOptions { StimulusId = "neg-stress-1", Theory = StimulusTheory.StressAndCoping };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Validate_TheoryContradictsPolarity_Throws()
    {
        var options = new EmotionalStimulusOptions { Theory = StimulusTheory.SelfMonitoring, Polarity = StimulusPolarity.Negative };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeChoice_Throws()
    {
        var options = new EmotionalStimulusOptions { Choice = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
