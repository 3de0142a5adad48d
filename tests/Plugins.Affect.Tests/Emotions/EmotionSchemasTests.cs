using System;
using System.Linq;
using System.Text.Json;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Tests.Emotions;

public sealed class EmotionSchemasTests
{
    [Fact]
    public void MultiLabel_SemEvalThree_IsClosedEnumOfAllDistinctOrderedSubsets()
    {
        var schema = EmotionSchemas.MultiLabel(EmotionLabelSet.SemEvalEc, 3);

        AssertClosed(schema, "emotions");
        var values = schema.GetProperty("properties").GetProperty("emotions").GetProperty("enum").EnumerateArray().ToList();
        Assert.Equal(1 + 11 + 55 + 165, values.Count);
        Assert.Equal("[]", values[0].GetRawText());
        Assert.Equal("[\"anger\"]", values[1].GetRawText());
        Assert.Contains(values, v => v.GetRawText() == "[\"fear\",\"sadness\",\"trust\"]");
        foreach (var value in values)
        {
            var indexes = value.EnumerateArray().Select(l => EmotionLabelSet.SemEvalEc.Labels.ToList().IndexOf(l.GetString()!)).ToList();
            Assert.All(indexes, i => Assert.True(i >= 0));
            Assert.True(indexes.Zip(indexes.Skip(1)).All(p => p.First < p.Second), value.GetRawText());
        }

        Assert.Equal(values.Count, values.Select(v => v.GetRawText()).Distinct().Count());
    }

    [Fact]
    public void MultiLabel_TooManyCombinations_FallsBackToBoundedArrayOfLabelEnums()
    {
        var labels = EmotionLabelSet.Create("thirty", Enumerable.Range(0, 30).Select(i => "e" + i));

        var emotions = EmotionSchemas.MultiLabel(labels, 5).GetProperty("properties").GetProperty("emotions");

        Assert.False(emotions.TryGetProperty("enum", out _));
        Assert.Equal(30, emotions.GetProperty("items").GetProperty("enum").GetArrayLength());
        Assert.Equal(5, emotions.GetProperty("maxItems").GetInt32());
        Assert.Equal(0, emotions.GetProperty("minItems").GetInt32());
    }

    [Fact]
    public void MultiLabel_MaxLabelsAboveSetSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmotionSchemas.MultiLabel(EmotionLabelSet.Ekman, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmotionSchemas.MultiLabel(EmotionLabelSet.Ekman, 0));
    }

    [Theory]
    [InlineData("intensity", 0, 100)]
    [InlineData("valence", 0, 100)]
    [InlineData("ordinal", -3, 3)]
    public void NumericFormats_AreBoundedIntegers(string format, int minimum, int maximum)
    {
        var (schema, name) = format switch
        {
            "intensity" => (EmotionSchemas.Intensity(), "intensity"),
            "valence" => (EmotionSchemas.Valence(), "valence"),
            _ => (EmotionSchemas.ValenceOrdinal(), "valence"),
        };

        AssertClosed(schema, name);
        var property = schema.GetProperty("properties").GetProperty(name);
        Assert.Equal("integer", property.GetProperty("type").GetString());
        Assert.Equal(minimum, property.GetProperty("minimum").GetInt32());
        Assert.Equal(maximum, property.GetProperty("maximum").GetInt32());
    }

    [Fact]
    public void Cause_WithSpans_EmotionFirstThenCauseEnum()
    {
        string[] spans = ["the exam", "exam"];

        var schema = EmotionSchemas.Cause(EmotionLabelSet.Ekman, spans, 40);

        AssertClosed(schema, "emotion", "cause");
        var properties = schema.GetProperty("properties");
        Assert.Equal(["anger", "disgust", "fear", "joy", "sadness", "surprise"], properties.GetProperty("emotion").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(spans, properties.GetProperty("cause").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Cause_WithoutSpans_BoundedString()
    {
        var cause = EmotionSchemas.Cause(EmotionLabelSet.Ekman, null, 40).GetProperty("properties").GetProperty("cause");

        Assert.Equal("string", cause.GetProperty("type").GetString());
        Assert.Equal(1, cause.GetProperty("minLength").GetInt32());
        Assert.Equal(40, cause.GetProperty("maxLength").GetInt32());
    }

    private static void AssertClosed(JsonElement schema, params string[] names)
    {
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(names, schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(names, schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }
}
