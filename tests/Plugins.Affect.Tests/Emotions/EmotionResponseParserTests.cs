using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class EmotionResponseParserTests
{
    private const string CauseText = "I failed the exam again and I hate it.";

    [Theory]
    [InlineData("{\"emotions\":[\"joy\",\"optimism\"]}", "joy,optimism")]
    [InlineData("  {\"emotions\": [\"Joy\"]}\n", "joy")]
    [InlineData("{\"emotions\":[]}", "")]
    [InlineData("{\"emotions\":[\"trust\",\"anger\"]}", "trust,anger")]
    public void ParseMultiLabel_WellFormed_ReturnsLabelsInOrder(string answer, string expected)
    {
        var result = EmotionResponseParser.ParseMultiLabel(answer, EmotionLabelSet.SemEvalEc, 3);

        Assert.True(result.Success, result.Error);
        Assert.Equal(expected, string.Join(",", result.Value.Emotions));
        Assert.Equal("semeval-ec", result.Value.LabelSet);
        Assert.Null(result.Value.Hints);
    }

    [Theory]
    [InlineData("{\"emotions\":[\"happy\"]}", "'happy' is not in set semeval-ec")]
    [InlineData("{\"emotions\":[\"joy\",\"joy\"]}", "'joy' is repeated")]
    [InlineData("{\"emotions\":[\"JOY\",\"joy\"]}", "'joy' is repeated")]
    [InlineData("{\"emotions\":[\"anger\",\"fear\",\"joy\",\"sadness\"]}", "4 labels, at most 3")]
    [InlineData("{\"emotions\":\"joy\"}", "expected an array")]
    [InlineData("{\"emotions\":[1]}", "expected a string")]
    [InlineData("{}", "\"emotions\" is missing")]
    [InlineData("{\"emotions\":[],\"why\":\"x\"}", "unexpected field \"why\"")]
    [InlineData("{\"emotions\":[],\"emotions\":[\"joy\"]}", "appears twice")]
    [InlineData("joy, optimism", "not JSON")]
    [InlineData("```json\n{\"emotions\":[]}\n```", "not JSON")]
    [InlineData("{\"emotions\":[]} because", "not JSON")]
    [InlineData("{\"emotions\":[\"joy\",]}", "not JSON")]
    [InlineData("{\"emotions\":[] /* none */}", "not JSON")]
    [InlineData("[\"joy\"]", "is JSON an array, expected an object")]
    [InlineData("", "empty")]
    public void ParseMultiLabel_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = EmotionResponseParser.ParseMultiLabel(answer, EmotionLabelSet.SemEvalEc, 3);

        Assert.False(result.Success);
        Assert.Null(result.Value);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMultiLabel_LabelOfAnotherSet_Refuses()
    {
        var result = EmotionResponseParser.ParseMultiLabel("{\"emotions\":[\"optimism\"]}", EmotionLabelSet.Ekman, 3);

        Assert.False(result.Success);
        Assert.Contains("not in set ekman", result.Error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"intensity\":0}", 0, 0.0)]
    [InlineData("{\"intensity\":100}", 100, 1.0)]
    [InlineData("{\"intensity\": 73}", 73, 0.73)]
    public void ParseIntensity_IntegerInRange_MapsToUnitInterval(string answer, int score, double intensity)
    {
        var result = EmotionResponseParser.ParseIntensity(answer, "fear");

        Assert.True(result.Success, result.Error);
        Assert.Equal(new EmotionIntensity("fear", intensity, score), result.Value);
    }

    [Theory]
    [InlineData("{\"intensity\":101}", "outside 0..100")]
    [InlineData("{\"intensity\":-1}", "outside 0..100")]
    [InlineData("{\"intensity\":73.5}", "no fraction")]
    [InlineData("{\"intensity\":7.3e1}", "no fraction")]
    [InlineData("{\"intensity\":\"73\"}", "is a string, expected an integer")]
    [InlineData("{\"intensity\":null}", "is null, expected an integer")]
    [InlineData("{\"intensity\":73,\"emotion\":\"fear\"}", "unexpected field \"emotion\"")]
    [InlineData("{\"score\":73}", "unexpected field \"score\"")]
    [InlineData("0.73", "is JSON a number")]
    public void ParseIntensity_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = EmotionResponseParser.ParseIntensity(answer, "fear");

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ParseValence_Fifty_IsNeutralHalf()
    {
        var result = EmotionResponseParser.ParseValence("{\"valence\":50}");

        Assert.True(result.Success, result.Error);
        Assert.Equal(new ValenceRating(0.5, 50), result.Value);
    }

    [Theory]
    [InlineData("{\"valence\":150}", "outside 0..100")]
    [InlineData("{\"valence\":0.5}", "no fraction")]
    [InlineData("{\"intensity\":50}", "unexpected field \"intensity\"")]
    public void ParseValence_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = EmotionResponseParser.ParseValence(answer);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"valence\":-3}", -3, "very negative")]
    [InlineData("{\"valence\":0}", 0, "neutral or mixed")]
    [InlineData("{\"valence\":2}", 2, "moderately positive")]
    public void ParseValenceOrdinal_InRange_ReturnsLevelAndMeaning(string answer, int level, string description)
    {
        var result = EmotionResponseParser.ParseValenceOrdinal(answer);

        Assert.True(result.Success, result.Error);
        Assert.Equal(new OrdinalValence(level, description), result.Value);
    }

    [Theory]
    [InlineData("{\"valence\":4}", "outside -3..3")]
    [InlineData("{\"valence\":-4}", "outside -3..3")]
    [InlineData("{\"valence\":1.0}", "no fraction")]
    [InlineData("{\"valence\":\"1\"}", "expected an integer")]
    public void ParseValenceOrdinal_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = EmotionResponseParser.ParseValenceOrdinal(answer);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":\"failed the exam\"}", "sadness", "failed the exam", 2)]
    [InlineData("{\"emotion\":\"Anger\",\"cause\":\"I HATE IT\"}", "anger", "I HATE IT", 28)]
    [InlineData("{\"cause\":\"again\",\"emotion\":\"pessimism\"}", "pessimism", "again", 18)]
    public void ParseCause_QuotedSpan_ReturnsEmotionCauseAndStart(string answer, string emotion, string cause, int start)
    {
        var result = EmotionResponseParser.ParseCause(answer, CauseText, EmotionLabelSet.SemEvalEc, 40);

        Assert.True(result.Success, result.Error);
        Assert.Equal(new EmotionCause(emotion, cause, start), result.Value);
    }

    [Theory]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":\"passed the exam\"}", "does not occur in the text")]
    [InlineData("{\"emotion\":\"rage\",\"cause\":\"the exam\"}", "'rage' is not in set")]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":\"\"}", "has 0 characters")]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":\"   \"}", "has 3 characters")]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":\"I failed the exam again and I\"}", "has 29 characters, expected 1..20")]
    [InlineData("{\"emotion\":\"sadness\"}", "\"cause\" is missing")]
    [InlineData("{\"emotion\":\"sadness\",\"cause\":[\"exam\"]}", "is an array, expected a string")]
    public void ParseCause_Malformed_RefusesWithReason(string answer, string reason)
    {
        var result = EmotionResponseParser.ParseCause(answer, CauseText, EmotionLabelSet.SemEvalEc, 20);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_OutOfRange_Throws()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => EmotionResponseParser.Describe(4));
    }
}
