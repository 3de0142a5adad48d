using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Embeddings;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Embeddings;

/// <summary>Cosine ranking, batching and caching with a fake generator whose vectors are chosen by hand.</summary>
public sealed class EmbeddingToolRetrieverTests
{
    // Tool vectors (unnormalised on purpose) and the query's: cosines worked out by hand.
    private static readonly Dictionary<string, float[]> Vectors = new()
    {
        ["alpha"] = [3, 0],   // unit (1, 0)
        ["beta"] = [0, 2],    // unit (0, 1)
        ["gamma"] = [1, 1],   // unit (0.7071, 0.7071)
        ["query"] = [4, 3],   // unit (0.8, 0.6)
    };

    private static FakeEmbeddingGenerator Generator() =>
        new(text => Vectors.First(kv => text.StartsWith(kv.Key, StringComparison.Ordinal)).Value);

    private static ToolCatalog Catalog() => new(
    [
        TestCatalogs.Tool("alpha", "first"),
        TestCatalogs.Tool("beta", "second"),
        TestCatalogs.Tool("gamma", "third"),
    ]);

    [Fact]
    public async Task RetrieveAsync_HandVectors_RanksByCosine()
    {
        // Arrange: cos(query, alpha) = 0.8, beta = 0.6, gamma = (0.8 + 0.6) / sqrt 2 = 0.989949.
        var retriever = new EmbeddingToolRetriever(Generator());

        // Act
        var matches = await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 3);

        // Assert
        Assert.Equal(["gamma", "alpha", "beta"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.989949, matches[0].Score, 1e-5);
        Assert.Equal(0.8, matches[1].Score, 1e-5);
        Assert.Equal(0.6, matches[2].Score, 1e-5);
    }

    [Fact]
    public async Task RetrieveAsync_TopKOne_ReturnsTheBest()
    {
        // Arrange
        var retriever = new EmbeddingToolRetriever(Generator());

        // Act
        var matches = await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 1);

        // Assert
        Assert.Equal("gamma", Assert.Single(matches).Tool.Name);
    }

    [Fact]
    public async Task RetrieveAsync_ManyQueries_EmbedsTheCatalogueOnceInBatches()
    {
        // Arrange
        var generator = Generator();
        var retriever = new EmbeddingToolRetriever(generator, new EmbeddingToolRetrieverOptions { BatchSize = 2 });

        // Act
        for (var i = 0; i < 5; i++)
        {
            await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 2);
        }

        // Assert: two catalogue batches (2 + 1 tool texts), then one single-text call per query.
        Assert.Equal([2, 1, 1, 1, 1, 1, 1], generator.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task RetrieveAsync_ConcurrentFirstCalls_EmbedTheCatalogueOnce()
    {
        // Arrange
        var counting = new CountingEmbeddingGenerator(Generator(), delayMs: 50);
        var retriever = new EmbeddingToolRetriever(counting);
        var catalog = Catalog();

        // Act
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => retriever.RetrieveAsync(catalog, new ToolQuery("query"), 3)));

        // Assert: one call for the 3 tool texts, eight for the queries.
        Assert.Equal(9, counting.Calls);
        Assert.Equal(3 + 8, counting.Inputs);
    }

    [Fact]
    public void ToolText_ToolWithParameters_JoinsNameWordsDescriptionAndParameterNames()
    {
        // Arrange
        var retriever = new EmbeddingToolRetriever(Generator());
        var tool = TestCatalogs.Tool("getWeather_forecast", "Gets the forecast.", """{"type":"object","properties":{"cityName":{"type":"string"},"days":{"type":"integer"}}}""");

        // Act
        var text = retriever.ToolText(tool);

        // Assert
        Assert.Equal("get weather forecast. Gets the forecast.. Parameters: city name, days.", text);
    }

    [Fact]
    public async Task RetrieveAsync_MismatchedDimensions_ThrowsNamingTheProblem()
    {
        // Arrange
        var generator = new FakeEmbeddingGenerator(text => text == "query" ? [1, 0, 0] : [1, 0]);
        var retriever = new EmbeddingToolRetriever(generator);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 2));

        // Assert
        Assert.Contains("3 dimensions", error.Message, StringComparison.Ordinal);
    }
}
