using System;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Embeddings;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Plugins.Affect.Support;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace Plugins.Affect.Tests.Agents;

/// <summary>
/// Both plugin families in one Microsoft Agent Framework agent: the affect and support functions (from the container,
/// over the real tiny local model) as the agent's tools, and tool selection (real BM25 + MiniLM) in front of the
/// agent's model, so each model call sees only the shortlist while the agent can invoke any function.
/// </summary>
public sealed class AffectAgentTests : IClassFixture<TinyLlavaChatClientFixture>, IDisposable
{
    private readonly TinyLlavaChatClientFixture _fixture;
    private readonly MiniLmEmbeddingGenerator _embedder = new();

    public AffectAgentTests(TinyLlavaChatClientFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task ChatClientAgent_AffectToolsBehindToolSelection_ModelSeesTheShortlistAndThePluginRuns()
    {
        // Arrange: the plugins from the container, as an app registers them; their own model calls go to the tiny model.
        using var provider = new ServiceCollection()
            .AddSingleton(_fixture.Client)
            .AddAffectPlugin()
            .AddEmotionalSupport(o => o.PlannerIncludesDefinitions = false)
            .BuildServiceProvider();
        var kernel = new Kernel(provider);
        kernel.Plugins.AddFromObject(provider.GetRequiredService<AffectPlugin>(), "affect");
        kernel.Plugins.AddFromObject(provider.GetRequiredService<EmotionalSupportPlugin>(), "support");
        var tools = kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel)).Cast<AITool>().ToList();
        var retriever = ToolRetrievers.Create("hybrid", _embedder);
        const string Request = "How positive or negative is the wording of this review: the food was great but the service was awful?";
        var expected = (await retriever.RetrieveAsync(ToolCatalog.FromKernelPlugins(kernel.Plugins, kernel), new ToolQuery(Request), 2)).Select(m => m.Tool.Name).ToList();

        // The agent's model: a fake that calls the first tool it is offered with the review, then answers. (The plugins'
        // descriptions are written for real models; eleven, or even one, overflow the tiny model's 512 positions.)
        var agentModel = new CallingFakeChatClient("the food was great but the service was awful");
        var agent = new ChatClientAgent(agentModel.AsBuilder().UseToolSelection(retriever, o => o.TopK = 2).Build(), instructions: "Use the tools.", tools: tools);

        // Act
        var response = await agent.RunAsync(Request);

        // Assert: the model saw the shortlist only; the function it called ran and returned its record.
        Assert.Equal(11, tools.Count);
        Assert.Equal(expected, agentModel.OfferedOnFirstCall);
        var result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Null(result.Exception);
        Assert.Contains("ompound", result.Result?.ToString() ?? string.Empty, StringComparison.Ordinal); // analyze_sentiment's Compound, or the LLM functions' records
        Assert.Equal("done", response.Text);
    }

    /// <summary>Calls the first offered function with <c>{"text": ...}</c>, then answers "done" once a result is back.</summary>
    private sealed class CallingFakeChatClient(string text) : IChatClient
    {
        public System.Collections.Generic.List<string>? OfferedOnFirstCall { get; private set; }

        public Task<ChatResponse> GetResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            if (messages.Any(m => m.Contents.OfType<FunctionResultContent>().Any()))
            {
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")));
            }

            OfferedOnFirstCall = (options?.Tools ?? []).Select(t => t.Name).ToList();
            var call = new FunctionCallContent("call_1", OfferedOnFirstCall[0], new System.Collections.Generic.Dictionary<string, object?> { ["text"] = text });
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
        }

        public System.Collections.Generic.IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    public void Dispose() => _embedder.Dispose();
}
