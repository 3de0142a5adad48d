using System;
using System.Linq;
using System.Threading.Tasks;
using Agents.Core.Coordination;
using Agents.Core.Empathy;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Tools.Retrieval;

namespace Agents.Core.Tests.Empathy;

/// <summary>The empathy middleware and agent, and the tool agent's shortlisting, over hand-written models.</summary>
public sealed class EmpathyChatClientTests
{
    [Fact]
    public async Task GetResponse_SadMessage_ReadingAndStrategyGoBeforeTheUserMessage()
    {
        // Call 0 is the strategy planner's; call 1 is the answer.
        var model = new RecordingChatClient("""{"strategy":"reflection_of_feelings"}""", "That sounds really painful.");
        using var client = model.AsBuilder().UseEmpathy(classifyEmotions: false).Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "I failed my exam and I feel terrible.")]);

        Assert.Equal("That sounds really painful.", response.Text);
        var reading = Assert.IsType<AffectReading>(response.AdditionalProperties![EmpathyChatClient.ReadingKey]);
        Assert.Equal("negative", reading.Tone);
        Assert.True(reading.Compound < -0.3);
        Assert.Equal("reflection_of_feelings", reading.Strategy.Name);
        var answered = model.Calls[1].Messages;
        Assert.Equal([ChatRole.System, ChatRole.User], answered.Select(m => m.Role));
        Assert.Contains("reflection_of_feelings", answered[0].Text, StringComparison.Ordinal);
        Assert.Contains("negative", answered[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_ReadingOnTheFirstUpdate()
    {
        var model = new RecordingChatClient("""{"strategy":"question"}""", "What happened?") { StreamInHalves = true };
        using var client = model.AsBuilder().UseEmpathy(classifyEmotions: false).Build();

        var updates = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Something bad happened.")]).ToListAsync();

        Assert.Equal("What happened?", string.Concat(updates.Select(u => u.Text)));
        Assert.IsType<AffectReading>(updates[0].AdditionalProperties![EmpathyChatClient.ReadingKey]);
        Assert.Null(updates[1].AdditionalProperties);
    }

    [Fact]
    public async Task GetResponse_NoUserText_PassesThroughWithoutReading()
    {
        var model = new RecordingChatClient("ok");
        using var client = model.AsBuilder().UseEmpathy(classifyEmotions: false).Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be kind.")]);

        Assert.Equal("ok", response.Text);
        Assert.Single(model.Calls);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task EmpathyAgent_Run_AnswersWithTheChosenStrategyInItsPrompt()
    {
        var model = new RecordingChatClient("""{"strategy":"affirmation_and_reassurance"}""", "You did your best.");
        var agent = PlatformAgents.CreateEmpathyAgent(model, classifyEmotions: false);

        var response = await agent.RunAsync("I'm so worried I let everyone down.");

        Assert.Equal("You did your best.", response.Text);
        Assert.Contains(model.Calls[1].Messages, m => m.Role == ChatRole.System && m.Text.Contains("affirmation_and_reassurance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToolAgent_LargeCatalogue_ModelSeesOnlyTheShortlist()
    {
        var catalogue = Enumerable.Range(0, 40).Select(i => (AITool)AIFunctionFactory.Create(() => i, $"tool_{i}", $"Does unrelated thing number {i}."))
            .Append(AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Gets the weather forecast for a city."))
            .ToList();
        var model = new RecordingChatClient("Sunny.");
        var agent = PlatformAgents.CreateToolAgent(model, catalogue, ToolRetrievers.Create("bm25"), o => o.TopK = 3);

        await agent.RunAsync("What is the weather forecast in Oslo?");

        var offered = model.Calls[0].Options!.Tools!.Select(t => t.Name).ToList();
        Assert.InRange(offered.Count, 1, 3);
        Assert.Equal("get_weather", offered[0]);
    }
}
