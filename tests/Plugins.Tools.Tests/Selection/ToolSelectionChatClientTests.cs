using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Selection;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Selection;

/// <summary>The middleware with a recording inner client and a fixed retriever, on both paths.</summary>
public sealed class ToolSelectionChatClientTests
{
    private static readonly AITool[] Functions = Enumerable.Range(0, 10)
        .Select(i => (AITool)AIFunctionFactory.Create(() => i, "f" + i, "function number " + i))
        .ToArray();

    private static async Task<ChatOptions?> SendAsync(IChatClient client, FakeChatClient inner, bool streaming, IList<ChatMessage> messages, ChatOptions options)
    {
        if (streaming)
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options))
            {
                Assert.NotNull(update);
            }
        }
        else
        {
            await client.GetResponseAsync(messages, options);
        }

        return inner.Requests[^1].Options;
    }

    private static List<ChatMessage> Ask(string text) => [new(ChatRole.System, "be brief"), new(ChatRole.User, text)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ManyTools_OffersOnlyTheShortlistAndOtherToolKinds(bool streaming)
    {
        // Arrange
        var inner = new FakeChatClient();
        var retriever = new FixedToolRetriever("fixed", "f7", "f2", "f5");
        using var client = new ToolSelectionChatClient(inner, retriever, new ToolSelectionOptions { TopK = 2 });
        var webSearch = new HostedWebSearchTool();
        var options = new ChatOptions { Tools = [.. Functions, webSearch], Temperature = 0.5f };

        // Act
        var sent = await SendAsync(client, inner, streaming, Ask("do the seventh thing"), options);

        // Assert: the caller's order is kept; the caller's options are untouched.
        Assert.NotSame(options, sent);
        Assert.Equal(["f2", "f7", webSearch.Name], sent!.Tools!.Select(t => t.Name));
        Assert.Equal(0.5f, sent.Temperature);
        Assert.Equal(11, options.Tools.Count);
        Assert.Equal("do the seventh thing", Assert.Single(retriever.Queries).Instruction);
        Assert.Equal([2], retriever.RequestedTopK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_FewTools_PassesTheOptionsUnchanged(bool streaming)
    {
        // Arrange: 5 functions, TopK 5: nothing to select.
        var inner = new FakeChatClient();
        var retriever = new FixedToolRetriever("fixed", "f1");
        using var client = new ToolSelectionChatClient(inner, retriever);
        var options = new ChatOptions { Tools = [.. Functions.Take(5)] };

        // Act
        var sent = await SendAsync(client, inner, streaming, Ask("anything"), options);

        // Assert
        Assert.Same(options, sent);
        Assert.Empty(retriever.Queries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_MinimumToolCount_SelectsAboveIt(bool streaming)
    {
        // Arrange: 5 functions, TopK 1, MinimumToolCount 4: selection runs.
        var inner = new FakeChatClient();
        using var client = new ToolSelectionChatClient(inner, new FixedToolRetriever("fixed", "f3"), new ToolSelectionOptions { TopK = 1, MinimumToolCount = 4 });

        // Act
        var sent = await SendAsync(client, inner, streaming, Ask("third"), new ChatOptions { Tools = [.. Functions.Take(5)] });

        // Assert
        Assert.Equal(["f3"], sent!.Tools!.Select(t => t.Name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_HistoryCallsRequiredAndAlwaysIncluded_AreKept(bool streaming)
    {
        // Arrange: f4 was called earlier, f9 is required, f0 always included; the retriever shortlists f1.
        var inner = new FakeChatClient();
        var options = new ToolSelectionOptions { TopK = 1 };
        options.AlwaysInclude.Add("f0");
        using var client = new ToolSelectionChatClient(inner, new FixedToolRetriever("fixed", "f1"), options);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "first question"),
            new(ChatRole.Assistant, [new FunctionCallContent("call1", "f4")]),
            new(ChatRole.Tool, [new FunctionResultContent("call1", 4)]),
            new(ChatRole.User, "now the next one"),
        ];

        // Act
        var sent = await SendAsync(client, inner, streaming, messages, new ChatOptions { Tools = [.. Functions], ToolMode = ChatToolMode.RequireSpecific("f9") });

        // Assert
        Assert.Equal(["f0", "f1", "f4", "f9"], sent!.Tools!.Select(t => t.Name));
    }

    [Fact]
    public async Task GetResponse_UserImages_ReachTheRetriever()
    {
        // Arrange
        var inner = new FakeChatClient();
        var retriever = new FixedToolRetriever("fixed", "f1");
        using var client = new ToolSelectionChatClient(inner, retriever, new ToolSelectionOptions { TopK = 1 });
        var image = new DataContent(new byte[] { 1, 2 }, "image/png");
        List<ChatMessage> messages = [new(ChatRole.User, [image, new TextContent("what is this?"), new DataContent(new byte[] { 3 }, "application/pdf")])];

        // Act
        await client.GetResponseAsync(messages, new ChatOptions { Tools = [.. Functions] });

        // Assert
        var query = Assert.Single(retriever.Queries);
        Assert.Equal("what is this?", query.Instruction);
        Assert.Same(image, Assert.Single(query.Images));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ToolModeNone_PassesTheOptionsUnchanged(bool streaming)
    {
        // Arrange
        var inner = new FakeChatClient();
        using var client = new ToolSelectionChatClient(inner, new FixedToolRetriever("fixed", "f1"), new ToolSelectionOptions { TopK = 1 });
        var options = new ChatOptions { Tools = [.. Functions], ToolMode = ChatToolMode.None };

        // Act
        var sent = await SendAsync(client, inner, streaming, Ask("anything"), options);

        // Assert
        Assert.Same(options, sent);
    }

    [Fact]
    public async Task GetResponse_Selection_IsLoggedWithNamesAndScores()
    {
        // Arrange
        var logger = new RecordingLogger<ToolSelectionChatClient>();
        using var client = new ToolSelectionChatClient(new FakeChatClient(), new FixedToolRetriever("fixed", "f6", "f8"), new ToolSelectionOptions { TopK = 2 }, logger);

        // Act
        await client.GetResponseAsync(Ask("six or eight"), new ChatOptions { Tools = [.. Functions] });

        // Assert: FixedToolRetriever scores count down from the list length (2, 1).
        var entry = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Equal("Tool selection (fixed) offers 2 of 10 functions; shortlist: f6 (2), f8 (1)", entry.Message);
    }

    [Fact]
    public async Task GetResponse_SameToolsList_BuildsTheCatalogueOnce()
    {
        // Arrange: a retriever that records the catalogue instances it sees.
        var catalogs = new List<Plugins.Tools.Catalog.ToolCatalog>();
        var retriever = new CallbackRetriever((catalog, _) => catalogs.Add(catalog));
        using var client = new ToolSelectionChatClient(new FakeChatClient(), retriever, new ToolSelectionOptions { TopK = 1 });
        var options = new ChatOptions { Tools = [.. Functions] };

        // Act
        await client.GetResponseAsync(Ask("one"), options);
        await client.GetResponseAsync(Ask("two"), options);
        options.Tools.RemoveAt(0);
        await client.GetResponseAsync(Ask("three"), options);

        // Assert: reused while the list holds the same tools, rebuilt after it changed.
        Assert.Same(catalogs[0], catalogs[1]);
        Assert.NotSame(catalogs[1], catalogs[2]);
        Assert.Equal(9, catalogs[2].Count);
    }

    [Fact]
    public async Task UseToolSelection_NoRetrieverGiven_TakesTheServicesRetriever()
    {
        // Arrange
        var inner = new FakeChatClient();
        var services = new ServiceCollection().AddSingleton<IToolRetriever>(new FixedToolRetriever("fixed", "f5")).BuildServiceProvider();
        using var client = inner.AsBuilder().UseToolSelection(configure: o => o.TopK = 1).Build(services);

        // Act
        await client.GetResponseAsync(Ask("five"), new ChatOptions { Tools = [.. Functions] });

        // Assert
        Assert.Equal(["f5"], inner.Requests[^1].Options!.Tools!.Select(t => t.Name));
    }

    [Fact]
    public void UseToolSelection_NoRetrieverAnywhere_ThrowsSayingWhatToRegister()
    {
        // Arrange
        var builder = new FakeChatClient().AsBuilder().UseToolSelection();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(new ServiceCollection().BuildServiceProvider()));

        // Assert
        Assert.Contains("AddToolSelection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseToolSelection_BadTopK_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new FakeChatClient().AsBuilder().UseToolSelection(new FixedToolRetriever("x"), o => o.TopK = 0));
    }

    private sealed class CallbackRetriever(Action<Plugins.Tools.Catalog.ToolCatalog, ToolQuery> onCall) : IToolRetriever
    {
        public string Name => "callback";

        public Task<IReadOnlyList<ToolMatch>> RetrieveAsync(Plugins.Tools.Catalog.ToolCatalog catalog, ToolQuery query, int topK, System.Threading.CancellationToken cancellationToken = default)
        {
            onCall(catalog, query);
            return Task.FromResult<IReadOnlyList<ToolMatch>>([new ToolMatch(catalog.Tools[0], 1)]);
        }
    }
}
