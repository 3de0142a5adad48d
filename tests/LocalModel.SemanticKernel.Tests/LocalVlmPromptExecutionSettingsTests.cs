using System;
using System.Collections.Generic;
using System.Text.Json;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using LocalModel.Pruning;

namespace LocalModel.SemanticKernel.Tests;

public sealed class LocalVlmPromptExecutionSettingsTests
{
    [Fact]
    public void ToChatOptions_AllSettings_ReachChatOptionsAndReadableAdditionalProperties()
    {
        // Arrange
        var settings = new LocalVlmPromptExecutionSettings
        {
            Temperature = 0.5f,
            TopP = 0.9f,
            TopK = 7,
            MaxTokens = 12,
            Seed = 3,
            StopSequences = ["END"],
            RepetitionPenalty = 1.2f,
            PruningMethod = "none",
            VisualTokenBudget = VisualTokenBudget.FromFraction(0.25),
            KeepPositions = false,
        };

        // Act: Semantic Kernel's own conversion, as its chat-client bridge runs it.
        var options = settings.ToChatOptions(new Kernel())!;

        // Assert
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(7, options.TopK);
        Assert.Equal(12, options.MaxOutputTokens);
        Assert.Equal(3, options.Seed);
        Assert.Equal(["END"], options.StopSequences);
        var read = LocalVlmRequestSettings.FromAdditionalProperties(options.AdditionalProperties);
        Assert.Equal(1.2f, read.RepetitionPenalty);
        Assert.Equal("none", read.PruningMethod);
        Assert.Equal(VisualTokenBudget.FromFraction(0.25), read.VisualTokenBudget);
        Assert.False(read.KeepPositions);
    }

    [Fact]
    public void ToChatOptions_OnlySamplingSet_LeavesNoAdditionalProperties()
    {
        var options = new LocalVlmPromptExecutionSettings { Temperature = 0.1f }.ToChatOptions(new Kernel())!;

        Assert.True(options.AdditionalProperties is null || options.AdditionalProperties.Count == 0);
        Assert.Null(options.TopK);
    }

    [Fact]
    public void ToChatOptions_JsonObjectResponseFormat_BecomesJsonFormat()
    {
        var options = new LocalVlmPromptExecutionSettings { ResponseFormat = "json_object" }.ToChatOptions(new Kernel())!;

        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
    }

    [Fact]
    public void FromExecutionSettings_ExtensionData_FillsTypedPropertiesAndKeepsBehavior()
    {
        var behavior = FunctionChoiceBehavior.Auto();
        var generic = new PromptExecutionSettings
        {
            ServiceId = "local",
            FunctionChoiceBehavior = behavior,
            ExtensionData = new Dictionary<string, object> { ["top_k"] = 5, ["visual_token_budget"] = "50%", ["temperature"] = 0.2, ["pruning_method"] = "none" },
        };

        var local = LocalVlmPromptExecutionSettings.FromExecutionSettings(generic);

        Assert.Equal(5, local.TopK);
        Assert.Equal(0.2f, local.Temperature);
        Assert.Equal("none", local.PruningMethod);
        Assert.Equal(VisualTokenBudget.FromFraction(0.5), local.VisualTokenBudget);
        Assert.Equal("local", local.ServiceId);
        Assert.Same(behavior, local.FunctionChoiceBehavior);
    }

    [Fact]
    public void FromExecutionSettings_NullOrLocal_ReturnsNewOrSame()
    {
        var local = new LocalVlmPromptExecutionSettings();

        Assert.NotNull(LocalVlmPromptExecutionSettings.FromExecutionSettings(null));
        Assert.Same(local, LocalVlmPromptExecutionSettings.FromExecutionSettings(local));
    }

    [Fact]
    public void Json_UsesSnakeCaseAndOmitsUnset()
    {
        var json = JsonSerializer.Serialize(new LocalVlmPromptExecutionSettings { TopP = 0.5f, VisualTokenBudget = VisualTokenBudget.FromCount(64), MaxTokens = 9 });

        Assert.Contains("\"top_p\":0.5", json, StringComparison.Ordinal);
        Assert.Contains("\"visual_token_budget\":64", json, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\":9", json, StringComparison.Ordinal);
        Assert.DoesNotContain("temperature", json, StringComparison.Ordinal);
        Assert.DoesNotContain("pruning_method", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_CopiesAndFreezeBlocksChanges()
    {
        var settings = new LocalVlmPromptExecutionSettings { TopK = 3, StopSequences = ["x"], PruningMethod = "none" };

        var clone = (LocalVlmPromptExecutionSettings)settings.Clone();
        settings.Freeze();

        Assert.Equal(3, clone.TopK);
        Assert.Equal(["x"], clone.StopSequences);
        Assert.NotSame(settings.StopSequences, clone.StopSequences);
        Assert.Throws<InvalidOperationException>(() => settings.TopK = 4);
        Assert.Throws<NotSupportedException>(() => settings.StopSequences!.Add("y"));
        clone.TopK = 4;
        Assert.Equal(4, clone.TopK);
    }
}
