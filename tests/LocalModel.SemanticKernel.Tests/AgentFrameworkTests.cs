using System;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.SemanticKernel.Tests.TestSupport;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;
using TextContent = Microsoft.Extensions.AI.TextContent;

namespace LocalModel.SemanticKernel.Tests;

/// <summary>Microsoft Agent Framework agents over the local chat client, with Semantic Kernel plugins as tools.</summary>
public sealed class AgentFrameworkTests : IClassFixture<TinyLlavaFixture>
{
    private const string NeedsConstraint = "With random weights only constrained decoding (LocalModel.Constrained) makes the model call a tool.";
    private readonly TinyLlavaFixture _fixture;

    public AgentFrameworkTests(TinyLlavaFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task ChatClientAgent_WithKernelPluginTools_RunsOnLocalClient()
    {
        // Arrange
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new WeatherPlugin(), "Weather");
        var tools = kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel)).Cast<AITool>().ToList();
        var agent = new ChatClientAgent(client, instructions: "Answer briefly.", name: "helper", tools: tools);

        // One function-calling round at most: a second model call gets no tools.
        agent.GetService<FunctionInvokingChatClient>()!.MaximumIterationsPerRequest = 1;
        var session = await agent.CreateSessionAsync();
        var question = new ChatMessage(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("What is shown?")]);

        // Act
        var first = await agent.RunAsync(question, session, new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 5 }));
        var second = await agent.RunAsync("And now?", session, new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 5 }));

        // Assert: both turns answered by the local model; the session carried the image turn into the second.
        Assert.NotEmpty(first.Messages);
        Assert.All(first.Messages.Concat(second.Messages), m => Assert.True(m.Role == ChatRole.Assistant || m.Role == ChatRole.Tool, $"unexpected role {m.Role}"));
        Assert.True(second.Usage!.InputTokenCount > first.Usage!.InputTokenCount + TinyLlavaFixture.TokensPerImage);
    }

    [Fact]
    public async Task ChatClientAgent_Streaming_YieldsUpdatesFromLocalClient()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var agent = new ChatClientAgent(client, instructions: "Answer briefly.");

        var updates = 0;
        await foreach (var update in agent.RunStreamingAsync("Hello", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 4 })))
        {
            updates++;
        }

        Assert.True(updates >= 1);
    }

    /// <summary>
    /// Needs real constrained decoding (LocalModel.Constrained).
    /// </summary>
    [Fact]
    [Trait("Requires", "ConstrainedDecoding")]
    public async Task ChatClientAgent_RequiredTool_InvokesKernelFunction()
    {
        // Arrange
        using var client = new LocalVlmChatClient(_fixture.Engine, options: new LocalVlmChatClientOptions { DefaultSystemPrompt = "Use the tools." });
        var plugin = new WeatherPlugin();
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(plugin, "Weather");
        var agent = new ChatClientAgent(client, tools: kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel)).Cast<AITool>().ToList());
        agent.GetService<FunctionInvokingChatClient>()!.MaximumIterationsPerRequest = 1;
        var question = new ChatMessage(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("Weather here?")]);

        // Act
        var response = await agent.RunAsync(question, options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 120, ToolMode = ChatToolMode.RequireAny }));

        // Assert
        Assert.True(plugin.Calls.Count == 1, $"get_weather was called {plugin.Calls.Count} times. {NeedsConstraint}");
        var city = plugin.Calls.Single();
        Assert.True(Enum.IsDefined(city));
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionResultContent>().Any(r => Equals(r.Result?.ToString(), $"sunny in {city}")));
    }
}
