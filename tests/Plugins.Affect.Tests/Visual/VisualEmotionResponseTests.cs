using System.Linq;
using Plugins.Affect.Emotions;
using Plugins.Affect.Visual;

namespace Plugins.Affect.Tests.Visual;

public sealed class VisualEmotionResponseTests
{
    [Fact]
    public void Schema_CluesFirstThenEmotionEnum()
    {
        var schema = VisualEmotionResponse.Schema(EmotionLabelSet.ArtEmis, 3, 40);

        var properties = schema.GetProperty("properties");
        Assert.Equal(["clues", "emotion"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["clues", "emotion"], schema.GetProperty("required").EnumerateArray().Select(p => p.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var clues = properties.GetProperty("clues");
        Assert.Equal(1, clues.GetProperty("minItems").GetInt32());
        Assert.Equal(3, clues.GetProperty("maxItems").GetInt32());
        Assert.Equal(40, clues.GetProperty("items").GetProperty("maxLength").GetInt32());
        Assert.Equal(EmotionLabelSet.ArtEmis.Labels, properties.GetProperty("emotion").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Parse_WellFormed_ReturnsCluesAndCanonicalLabel()
    {
        var result = VisualEmotionResponse.Parse("{\"clues\":[\"dark sky\",\"lone figure\"],\"emotion\":\"Something Else\"}", EmotionLabelSet.ArtEmis, 3, 40);

        Assert.True(result.Success, result.Error);
        Assert.Equal(["dark sky", "lone figure"], result.Value.Clues);
        Assert.Equal("something else", result.Value.Emotion);
        Assert.Equal("artemis", result.Value.LabelSet);
        Assert.Null(result.Value.PolarityHint);
    }

    [Theory]
    [InlineData("{\"clues\":[\"sun\"],\"emotion\":\"joy\"}", "'joy' is not in set artemis")]
    [InlineData("{\"clues\":[],\"emotion\":\"awe\"}", "0 clues, expected 1..3")]
    [InlineData("{\"clues\":[\"a\",\"b\",\"c\",\"d\"],\"emotion\":\"awe\"}", "4 clues, expected 1..3")]
    [InlineData("{\"clues\":[\"\"],\"emotion\":\"awe\"}", "clue 1 has 0 characters")]
    [InlineData("{\"clues\":[\"sun\",\"a very long clue that goes on and on and on\"],\"emotion\":\"awe\"}", "clue 2 has 43 characters, expected 1..40")]
    [InlineData("{\"clues\":[3],\"emotion\":\"awe\"}", "is a number, expected a string")]
    [InlineData("{\"clues\":\"sun\",\"emotion\":\"awe\"}", "is a string, expected an array")]
    [InlineData("{\"clues\":[\"sun\"],\"emotion\":\"awe\",\"why\":\"x\"}", "unexpected field \"why\"")]
    [InlineData("{\"emotion\":\"awe\"}", "\"clues\" is missing")]
    [InlineData("The image evokes awe.", "not JSON")]
    public void Parse_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = VisualEmotionResponse.Parse(answer, EmotionLabelSet.ArtEmis, 3, 40);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClueLength_CountedInCodePointsLikeJsonSchema()
    {
        const string four = "\ud83d\udc4d\ud83d\udc4d\ud83d\udc4d\ud83d\udc4d";

        var accepted = VisualEmotionResponse.Parse("{\"clues\":[\"" + four + "\"],\"emotion\":\"awe\"}", EmotionLabelSet.ArtEmis, 3, 4);
        var refused = VisualEmotionResponse.Parse("{\"clues\":[\"" + four + "!\"],\"emotion\":\"awe\"}", EmotionLabelSet.ArtEmis, 3, 4);

        Assert.True(accepted.Success, accepted.Error);
        Assert.Equal(8, accepted.Value.Clues[0].Length);
        Assert.False(refused.Success);
        Assert.Contains("clue 1 has 5 characters, expected 1..4", refused.Error, System.StringComparison.Ordinal);
    }
}
