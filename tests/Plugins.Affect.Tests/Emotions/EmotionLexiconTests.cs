using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Agents.TestSupport;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class EmotionLexiconTests
{
    [Fact]
    public void Default_CoversEverySemEvalLabel_WithTwentyToFortyCues()
    {
        var lexicon = EmotionLexicon.Default;

        Assert.Equal(EmotionLabelSet.SemEvalEc.Labels, lexicon.Labels);
        Assert.All(lexicon.Labels, l => Assert.InRange(lexicon.CuesOf(l).Count, 20, 40));
        Assert.Equal("negative", lexicon.PolarityOf("anger"));
        Assert.Equal("mixed", lexicon.PolarityOf("Surprise"));
        Assert.Null(lexicon.PolarityOf("awe"));
    }

    [Fact]
    public void Default_FileStatesItsOrigin_AndHasNoRepeatedWords()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "Prompts", "Affect", "Emotions", "emotion-words.json")));

        Assert.Contains("not derived from the NRC lexicons", document.RootElement.GetProperty("about").GetString(), StringComparison.Ordinal);
        foreach (var emotion in document.RootElement.GetProperty("emotions").EnumerateObject())
        {
            var words = emotion.Value.GetProperty("words").EnumerateArray().Select(w => w.GetString()).ToList();
            Assert.Equal(words.Count, words.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("{}", "\"emotions\"")]
    [InlineData("{\"emotions\":{\"calm\":{\"polarity\":\"good\",\"words\":[\"calm\"]}}}", "emotions.calm.polarity")]
    [InlineData("{\"emotions\":{\"calm\":{\"polarity\":\"positive\"}}}", "emotions.calm.words")]
    [InlineData("{\"emotions\":{\"calm\":{\"polarity\":\"positive\",\"words\":[\"...\"]}}}", "without letters")]
    [InlineData("{\"emotions\":", "not valid JSON")]
    public void Parse_Malformed_ThrowsNamingTheField(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => EmotionLexicon.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Custom_UsedByTheHintProvider()
    {
        var lexicon = EmotionLexicon.Parse("{\"emotions\":{\"calm\":{\"polarity\":\"positive\",\"words\":[\"relaxed\",\"at ease\"]}}}");

        var hints = new EmotionHintProvider(lexicon).Propose("Finally at ease and relaxing", EmotionLabelSet.Create("mine", ["calm", "tense"]));

        var candidate = Assert.Single(hints.Candidates);
        Assert.Equal("calm", candidate.Emotion);
        Assert.Equal(["at ease", "relaxing"], candidate.CueWords);
    }
}
