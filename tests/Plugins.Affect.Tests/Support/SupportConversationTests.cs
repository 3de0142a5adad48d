using Agents.TestSupport;
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class SupportConversationTests
{
    [Fact]
    public async Task RespondAsync_TwoStages_PredictsThenRespondsWithTheStrategyAndLogsIt()
    {
        // Arrange: call 0 is the planner (JSON), call 1 the responder (text).
        var inner = new RecordingChatClient("""{"strategy":"providing_suggestions"}""", "Maybe try a short walk after lunch.");
        var conversation = new SupportConversation(new SupportStrategyPlanner(inner), new SupportResponder(inner));

        // Act
        var reply = await conversation.RespondAsync([new(ChatRole.User, "I am always tired in the afternoon.")], referenceStrategy: "question");

        // Assert
        Assert.Equal("providing_suggestions", reply.Strategy);
        Assert.Equal("Maybe try a short walk after lunch.", reply.Text);
        Assert.Equal(2, inner.Calls.Count);
        Assert.Contains("Strategy: providing_suggestions:", inner.Calls[1].Messages[0].Text, StringComparison.Ordinal);
        var stats = conversation.Log.Statistics();
        Assert.Equal(1, stats.Total);
        Assert.Equal(1, stats.WithReference);
        Assert.Equal(0.0, stats.Accuracy);
    }

    [Fact]
    public async Task RespondAsync_UnknownReference_ThrowsBeforeAnyRequest()
    {
        var inner = new RecordingChatClient("""{"strategy":"question"}""");
        var conversation = new SupportConversation(new SupportStrategyPlanner(inner), new SupportResponder(inner));

        await Assert.ThrowsAsync<ArgumentException>(() => conversation.RespondAsync([new(ChatRole.User, "Hi")], "advice"));

        Assert.Empty(inner.Calls);
    }
}
