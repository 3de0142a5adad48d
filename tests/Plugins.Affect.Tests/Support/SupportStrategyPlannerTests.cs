using Agents.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class SupportStrategyPlannerTests
{
    private static readonly List<ChatMessage> Conversation =
    [
        new(ChatRole.System, "ignored"),
        new(ChatRole.User, "I failed my driving test again."),
        new(ChatRole.Assistant, "That sounds really frustrating."),
        new(ChatRole.User, "I feel like I will never pass."),
    ];

    [Fact]
    public async Task PredictAsync_ConstrainedAnswer_ReturnsStrategyAndSendsSchemaAndTranscript()
    {
        // Arrange
        var inner = new RecordingChatClient("""{"strategy":"reflection_of_feelings"}""");
        var planner = new SupportStrategyPlanner(inner);

        // Act
        var strategy = await planner.PredictAsync(Conversation);

        // Assert
        Assert.Equal("reflection_of_feelings", strategy.Name);
        var (_, messages, options) = inner.Calls.Single();
        var prompt = Assert.Single(messages);
        Assert.Equal(ChatRole.User, prompt.Role);
        Assert.Contains("Conversation:\nSeeker: I failed my driving test again.\nSupporter: That sounds really frustrating.\nSeeker: I feel like I will never pass.\nAnswer in JSON", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("- question: Ask an open or focused question", prompt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", prompt.Text, StringComparison.Ordinal);
        Assert.NotNull(options);
        Assert.Equal(32, options.MaxOutputTokens);
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        var schema = format.Schema!.Value;
        Assert.Equal(8, schema.GetProperty("properties").GetProperty("strategy").GetProperty("enum").GetArrayLength());
    }

    [Fact]
    public async Task PredictAsync_NamesOnlyAndShortHistory_PromptListsNamesAndLastTurns()
    {
        var inner = new RecordingChatClient("""{"strategy":"question"}""");
        var planner = new SupportStrategyPlanner(inner, new SupportOptions { PlannerIncludesDefinitions = false, MaxHistoryMessages = 1 });

        await planner.PredictAsync(Conversation);

        var text = inner.LastText(0);
        Assert.Contains("Strategies:\nquestion, restatement_or_paraphrasing, reflection_of_feelings, self_disclosure, affirmation_and_reassurance, providing_suggestions, information, others\n", text, StringComparison.Ordinal);
        Assert.Contains("Conversation:\nSeeker: I feel like I will never pass.\nAnswer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictAsync_LabelOutsideSet_ThrowsFormatException()
    {
        var planner = new SupportStrategyPlanner(new RecordingChatClient("""{"strategy":"advice"}"""));

        await Assert.ThrowsAsync<FormatException>(() => planner.PredictAsync(Conversation));
    }

    [Fact]
    public async Task PredictAsync_EndsWithSupporter_ThrowsArgumentException()
    {
        var planner = new SupportStrategyPlanner(new RecordingChatClient("""{"strategy":"question"}"""));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => planner.PredictAsync([new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello")]));

        Assert.Equal("conversation", error.ParamName);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SupportStrategyPlanner(new RecordingChatClient("x"), new SupportOptions { PlannerMaxOutputTokens = 2 }));
    }

    [Fact]
    public void Schema_SentToClient_IsValidJson()
    {
        var text = JsonSerializer.Serialize(SupportStrategyParser.Schema(SupportStrategySet.Default));

        Assert.StartsWith("{\"type\":\"object\"", text, StringComparison.Ordinal);
    }
}
