using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.SemanticKernel;
using Plugins.Tools.Selection;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.SemanticKernel;

public sealed class ToolSelectionPluginTests
{
    [Fact]
    public async Task FindTools_ThroughTheKernel_ReturnsRecordsBestFirst()
    {
        // Arrange
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new ToolSelectionPlugin(TestCatalogs.ThreeTools(), new Bm25ToolRetriever()), "tools");

        // Act
        var result = await kernel.InvokeAsync("tools", "find_tools", new KernelArguments { ["instruction"] = "get the news", ["top_k"] = 2 });

        // Assert: the BM25 ranking of the hand-worked test (default name weight).
        var found = Assert.IsAssignableFrom<IReadOnlyList<FoundTool>>(result.GetValue<object>());
        Assert.Equal(["get_news", "get_weather"], found.Select(f => f.Name));
        Assert.Equal("Latest news headlines", found[0].Description);
        Assert.True(found[0].Score > found[1].Score);
    }

    [Fact]
    public void FindTools_Metadata_DescribesTheParameters()
    {
        // Arrange
        var plugin = KernelPluginFactory.CreateFromObject(new ToolSelectionPlugin(TestCatalogs.ThreeTools(), new Bm25ToolRetriever()), "tools");

        // Act
        var metadata = plugin["find_tools"].Metadata;

        // Assert
        Assert.Equal(["instruction", "top_k"], metadata.Parameters.Select(p => p.Name));
        Assert.True(metadata.Parameters[0].IsRequired);
        Assert.False(metadata.Parameters[1].IsRequired);
        Assert.Contains("best first", metadata.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FoundTool_Serialised_UsesSnakeCaseNames()
    {
        // Act
        var json = JsonSerializer.Serialize(new FoundTool("a", "b", 0.5));

        // Assert
        Assert.Equal("""{"name":"a","description":"b","score":0.5}""", json);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("find", 0)]
    [InlineData("find", 51)]
    public async Task FindTools_BadInput_Throws(string instruction, int topK)
    {
        // Arrange
        var plugin = new ToolSelectionPlugin(TestCatalogs.ThreeTools(), new Bm25ToolRetriever());

        // Act / Assert
        await Assert.ThrowsAnyAsync<ArgumentException>(() => plugin.FindToolsAsync(instruction, topK));
    }

    [Fact]
    public async Task AddToolSelection_Container_ResolvesHybridRetrieverPluginAndFilter()
    {
        // Arrange
        var services = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddingGenerator(t => [t.Length, 1]))
            .AddSingleton(TestCatalogs.ThreeTools())
            .AddToolSelection(o => o.TopK = 2)
            .AddToolSelectionFilter()
            .BuildServiceProvider();

        // Act
        var retriever = services.GetRequiredService<IToolRetriever>();
        var plugin = services.GetRequiredService<ToolSelectionPlugin>();
        var found = await plugin.FindToolsAsync("weather");

        // Assert
        Assert.IsType<HybridToolRetriever>(retriever);
        Assert.Equal(2, services.GetRequiredService<ToolSelectionOptions>().TopK);
        Assert.Equal(2, found.Count);
        Assert.IsType<ToolSelectionFilter>(services.GetRequiredService<IFunctionInvocationFilter>());
        Assert.Same(services.GetRequiredService<IFunctionInvocationFilter>(), services.GetRequiredService<IPromptRenderFilter>());
    }

    [Fact]
    public void AddToolSelection_NoEmbedder_ThrowsSayingWhatToRegister()
    {
        // Arrange
        var services = new ServiceCollection().AddToolSelection().BuildServiceProvider();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IToolRetriever>());

        // Assert
        Assert.Contains("IEmbeddingGenerator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKernelPlugins_PluginFunctions_AreNamedAsTheFilterNamesThem()
    {
        // Arrange
        var kernel = KernelFixtures.Create(new FakeChatClient());

        // Act
        var catalog = ToolCatalog.FromKernelPlugins(kernel.Plugins, kernel);

        // Assert
        Assert.Equal(32, catalog.Count);
        Assert.Equal(ToolSelectionFilter.ToolName(kernel.Plugins["Weather"]["action3"]), catalog.Tools[3].Name);
    }
}
