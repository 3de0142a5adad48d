using System;
using System.Text.Json;
using Agents.TestSupport;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using LocalModel.Pruning;

namespace LocalModel.Tests.Chat;

public sealed class LocalVlmRequestSettingsTests
{
    [Fact]
    public void FromAdditionalProperties_AllKeys_Read()
    {
        var properties = new AdditionalPropertiesDictionary
        {
            ["top_k"] = 40L,
            ["repetition_penalty"] = 1.1f,
            ["pruning_method"] = " fastervlm ",
            ["visual_token_budget"] = "12.5%",
            ["keep_positions"] = "false",
        };

        var settings = LocalVlmRequestSettings.FromAdditionalProperties(properties);

        Assert.Equal(40, settings.TopK);
        Assert.Equal(1.1f, settings.RepetitionPenalty);
        Assert.Equal("fastervlm", settings.PruningMethod);
        Assert.Equal(VisualTokenBudget.FromFraction(0.125), settings.VisualTokenBudget);
        Assert.False(settings.KeepPositions);
    }

    [Fact]
    public void FromAdditionalProperties_Null_GivesEmptySettings()
    {
        var settings = LocalVlmRequestSettings.FromAdditionalProperties(null);

        Assert.Null(settings.TopK);
        Assert.Null(settings.VisualTokenBudget);
    }

    [Fact]
    public void FromAdditionalProperties_UnknownKeyWhenStrict_ThrowsListingKeys()
    {
        var e = Assert.Throws<ArgumentException>(() => LocalVlmRequestSettings.FromAdditionalProperties(new() { ["visual_budget"] = 3 }, strict: true));

        Assert.Contains("'visual_budget'", e.Message, StringComparison.Ordinal);
        foreach (var key in LocalVlmRequestSettings.Keys)
        {
            Assert.Contains(key, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FromAdditionalProperties_UnknownKeyByDefault_IgnoredAndLoggedAtDebug()
    {
        var logger = new RecordingLogger();

        var settings = LocalVlmRequestSettings.FromAdditionalProperties(new() { ["visual_budget"] = 3, ["top_k"] = 5 }, strict: false, logger);

        Assert.Equal(5, settings.TopK);
        Assert.Null(settings.VisualTokenBudget);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, entry.Level);
        Assert.Contains("'visual_budget'", entry.Message, StringComparison.Ordinal);
        Assert.Null(LocalVlmRequestSettings.FromAdditionalProperties(new() { ["visual_budget"] = 3 }).VisualTokenBudget);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromAdditionalProperties_KnownKeyWithBadValue_ThrowsEitherWay(bool strict)
    {
        var e = Assert.Throws<ArgumentException>(() => LocalVlmRequestSettings.FromAdditionalProperties(new() { ["top_k"] = -1 }, strict));

        Assert.Contains("['top_k'] is -1", e.Message, StringComparison.Ordinal);
        Assert.Contains("a token count >= 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToAdditionalProperties_RoundTrips()
    {
        var settings = new LocalVlmRequestSettings { TopK = 3, RepetitionPenalty = 1.2f, PruningMethod = "none", VisualTokenBudget = VisualTokenBudget.FromCount(64), KeepPositions = false };

        var back = LocalVlmRequestSettings.FromAdditionalProperties(settings.ToAdditionalProperties());

        Assert.Equal(3, back.TopK);
        Assert.Equal(1.2f, back.RepetitionPenalty);
        Assert.Equal("none", back.PruningMethod);
        Assert.Equal(VisualTokenBudget.FromCount(64), back.VisualTokenBudget);
        Assert.False(back.KeepPositions);
    }

    [Fact]
    public void Json_SnakeCaseNames_SerializeAndDeserialize()
    {
        var settings = JsonSerializer.Deserialize<LocalVlmRequestSettings>("""{"top_k":5,"visual_token_budget":"25%","pruning_method":"none"}""")!;

        Assert.Equal(5, settings.TopK);
        Assert.Equal(VisualTokenBudget.FromFraction(0.25), settings.VisualTokenBudget);
        Assert.Contains("\"visual_token_budget\":\"25%\"", JsonSerializer.Serialize(settings), StringComparison.Ordinal);
    }
}
