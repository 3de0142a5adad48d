using System;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class EmotionLabelSetTests
{
    [Fact]
    public void BuiltIns_HaveThePublishedLabelsInOrder()
    {
        Assert.Equal(["anger", "anticipation", "disgust", "fear", "joy", "love", "optimism", "pessimism", "sadness", "surprise", "trust"], EmotionLabelSet.SemEvalEc.Labels);
        Assert.Equal(["anger", "disgust", "fear", "joy", "sadness", "surprise"], EmotionLabelSet.Ekman.Labels);
        Assert.Equal(["amusement", "awe", "contentment", "excitement", "anger", "disgust", "fear", "sadness", "something else"], EmotionLabelSet.ArtEmis.Labels);
    }

    [Fact]
    public void Lookup_IgnoresCase_ReturnsSetSpelling()
    {
        Assert.True(EmotionLabelSet.SemEvalEc.Contains("JOY"));
        Assert.False(EmotionLabelSet.SemEvalEc.Contains("happiness"));
        Assert.False(EmotionLabelSet.SemEvalEc.Contains(null));
        Assert.True(EmotionLabelSet.ArtEmis.TryGetLabel("Something Else", out var label));
        Assert.Equal("something else", label);
        Assert.Equal("fear", EmotionLabelSet.SemEvalEc.Require("  Fear "));
    }

    [Fact]
    public void Require_UnknownLabel_NamesTheSetAndItsLabels()
    {
        var error = Assert.Throws<ArgumentException>(() => EmotionLabelSet.Ekman.Require("love", "emotion"));

        Assert.Equal("emotion", error.ParamName);
        Assert.Contains("'love' is not in the emotion label set 'ekman'; use one of: anger, disgust, fear, joy, sadness, surprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Custom_TrimsAndLowerCases()
    {
        var set = EmotionLabelSet.Create("mine", [" Calm ", "Tense"]);

        Assert.Equal("mine", set.Name);
        Assert.Equal(["calm", "tense"], set.Labels);
    }

    [Theory]
    [InlineData("calm", "CALM")]
    [InlineData("calm")]
    [InlineData("calm", "")]
    [InlineData("calm", "a\"b")]
    [InlineData("calm", "this label is far too long to be one")]
    public void Create_Invalid_Throws(params string[] labels)
    {
        Assert.Throws<ArgumentException>(() => EmotionLabelSet.Create("mine", labels));
    }

    [Theory]
    [InlineData("SemEval-EC", "semeval-ec")]
    [InlineData("ekman", "ekman")]
    [InlineData("art", "artemis")]
    public void FromName_Known_ReturnsSet(string name, string expected)
    {
        Assert.Equal(expected, EmotionLabelSet.FromName(name).Name);
    }

    [Fact]
    public void FromName_Unknown_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => EmotionLabelSet.FromName("plutchik"));

        Assert.Contains("semeval-ec, ekman or artemis", error.Message, StringComparison.Ordinal);
    }
}
