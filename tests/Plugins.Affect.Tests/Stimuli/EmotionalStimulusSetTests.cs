using System;
using System.Linq;
using Plugins.Affect.Stimuli;

namespace Plugins.Affect.Tests.Stimuli;

public sealed class EmotionalStimulusSetTests
{
    [Fact]
    public void Default_EmbeddedData_HasAtLeastThreeStimuliPerTheoryWithMatchingPolarity()
    {
        var set = EmotionalStimulusSet.Default;

        foreach (var theory in Enum.GetValues<StimulusTheory>())
        {
            var stimuli = set.ByTheory(theory);
            Assert.True(stimuli.Count >= 3, $"{theory} has {stimuli.Count} stimuli");
            Assert.All(stimuli, s => Assert.Equal(EmotionalStimulusSet.PolarityOf(theory), s.Polarity));
        }

        Assert.Equal(set.All.Count, set.All.Select(s => s.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(9, set.ByPolarity(StimulusPolarity.Positive).Count);
        Assert.Equal(9, set.ByPolarity(StimulusPolarity.Negative).Count);
    }

    [Fact]
    public void Default_Texts_AreNotThePapersListedStimuli()
    {
        // A few of the published EmotionPrompt / NegativePrompt sentences (facts for the check; our data must not copy them).
        string[] published =
        [
            "This is very important to my career.",
            "You'd better be sure.",
            "Are you sure?",
            "Believe in your abilities and strive for excellence.",
            "You've never been particularly good at this, have you?",
            "Everyone else managed to do it; why can't you?",
        ];

        var texts = EmotionalStimulusSet.Default.All.Select(s => s.Text).ToList();

        Assert.All(published, p => Assert.DoesNotContain(texts, t => t.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Find_KnownIdAnyCase_ReturnsTheStimulus()
    {
        var stimulus = EmotionalStimulusSet.Default.Find("NEG-STRESS-1");

        Assert.NotNull(stimulus);
        Assert.Equal("neg-stress-1", stimulus.Id);
        Assert.Equal(StimulusTheory.StressAndCoping, stimulus.Theory);
        Assert.Equal("Time is nearly up and a mistake here would be costly.", stimulus.Text);
        Assert.Null(EmotionalStimulusSet.Default.Find("missing"));
    }

    [Theory]
    [InlineData("""{"stimuli":[{"id":"a","polarity":"positive","theory":"self_monitoring","text":"x"},{"id":"A","polarity":"positive","theory":"self_monitoring","text":"y"}]}""", "used twice")]
    [InlineData("""{"stimuli":[{"id":"a","polarity":"neutral","theory":"self_monitoring","text":"x"}]}""", "unknown polarity 'neutral'")]
    [InlineData("""{"stimuli":[{"id":"a","polarity":"positive","theory":"flattery","text":"x"}]}""", "unknown theory 'flattery'")]
    [InlineData("""{"stimuli":[{"id":"a","polarity":"positive","theory":"social_comparison","text":"x"}]}""", "is negative")]
    [InlineData("""{"stimuli":[{"id":"a","polarity":"positive","theory":"self_monitoring","text":" "}]}""", "\"text\" is missing or empty")]
    [InlineData("""{"stimuli":[]}""", "holds no stimuli")]
    [InlineData("""{"items":[]}""", "\"stimuli\" array")]
    [InlineData("""{"stimuli":[""", "not valid JSON")]
    public void Parse_InvalidData_ThrowsNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EmotionalStimulusSet.Parse(json, "test.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseTheory_DataNames_RoundTrip()
    {
        foreach (var theory in Enum.GetValues<StimulusTheory>())
        {
            Assert.True(EmotionalStimulusSet.TryParseTheory(EmotionalStimulusSet.NameOf(theory), out var parsed));
            Assert.Equal(theory, parsed);
        }

        Assert.False(EmotionalStimulusSet.TryParseTheory("social cognitive", out _));
    }
}
