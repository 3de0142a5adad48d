using System.Collections.Generic;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

/// <summary>The planner and responder on the real local client over the random-weight tiny-llava fixture (512 positions): well-formedness, not correctness.</summary>
public sealed class SupportEndToEndTests : IClassFixture<TinyLlavaChatClientFixture>
{
    private static readonly SupportOptions Options = new()
    {
        PlannerIncludesDefinitions = false,
        MaxHistoryMessages = 3,
        PlannerMaxOutputTokens = 48,
        ResponderMaxOutputTokens = 16,
    };

    private readonly TinyLlavaChatClientFixture _fixture;

    public SupportEndToEndTests(TinyLlavaChatClientFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Messages => new()
    {
        "I failed my exam.",
        "My friend stopped talking to me and I do not know why.",
        "I feel lonely at night.",
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task PredictAsync_TinyModelConstrained_AlwaysParsesToKnownStrategy(string message)
    {
        var planner = new SupportStrategyPlanner(_fixture.Client, Options);

        var strategy = await planner.PredictAsync([new(ChatRole.User, message)]);

        Assert.NotNull(SupportStrategySet.Default.Find(strategy.Name));
    }

    [Fact]
    public async Task RespondAsync_TinyModelTwoStages_ReturnsKnownStrategyAndText()
    {
        var conversation = new SupportConversation(new SupportStrategyPlanner(_fixture.Client, Options), new SupportResponder(_fixture.Client, Options));
        List<ChatMessage> turns = [new(ChatRole.User, "Work is hard."), new(ChatRole.Assistant, "I hear you."), new(ChatRole.User, "I am tired.")];

        var reply = await conversation.RespondAsync(turns, referenceStrategy: "reflection_of_feelings");

        Assert.NotNull(SupportStrategySet.Default.Find(reply.Strategy));
        Assert.NotNull(reply.Text);
        var stats = conversation.Log.Statistics();
        Assert.Equal(1, stats.Total);
        Assert.Equal(1, stats.WithReference);
    }
}
