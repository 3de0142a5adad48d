using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Embeddings;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Embeddings;

/// <summary>Cosine ranking, batching and caching with a fake generator whose vectors are chosen by hand.</summary>
public sealed class EmbeddingToolRetrieverTests
{
    // Name and description vectors (unnormalised on purpose) and the query's: cosines worked out by hand.
    private static readonly Dictionary<string, float[]> Vectors = new()
    {
        ["alpha"] = [3, 0],   // name, unit (1, 0)
        ["first"] = [0, 5],   // description, unit (0, 1)
        ["beta"] = [0, 2],    // name, unit (0, 1)
        ["second"] = [0, 1],  // description, unit (0, 1)
        ["gamma"] = [1, 1],   // name, unit (0.7071, 0.7071)
        ["third"] = [2, 2],   // description, the same direction
        ["query"] = [4, 3],   // unit (0.8, 0.6)
    };

    private static FakeEmbeddingGenerator Generator() =>
        new(text => Vectors.First(kv => text.StartsWith(kv.Key, StringComparison.Ordinal)).Value);

    /// <summary>The plain cosine mix: no neighbour pooling.</summary>
    private static EmbeddingToolRetrieverOptions Plain() => new() { NeighbourWeight = 0 };

    private static ToolCatalog Catalog() => new(
    [
        TestCatalogs.Tool("alpha", "first"),
        TestCatalogs.Tool("beta", "second"),
        TestCatalogs.Tool("gamma", "third"),
    ]);

    [Fact]
    public async Task RetrieveAsync_HandVectors_RanksByMixedCosines()
    {
        // Arrange: score = 0.8 cos(q, description) + 0.2 cos(q, name):
        // gamma = (0.8 + 0.6) / sqrt 2 = 0.989949 for both; alpha = 0.8 * 0.6 + 0.2 * 0.8 = 0.64; beta = 0.6 for both.
        var retriever = new EmbeddingToolRetriever(Generator(), Plain());

        // Act
        var matches = await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 3);

        // Assert
        Assert.Equal(["gamma", "alpha", "beta"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.989949, matches[0].Score, 1e-5);
        Assert.Equal(0.64, matches[1].Score, 1e-5);
        Assert.Equal(0.6, matches[2].Score, 1e-5);
    }

    [Theory]
    [InlineData(0.0, 0.6)]
    [InlineData(0.5, 0.7)]
    [InlineData(1.0, 0.8)]
    public async Task RetrieveAsync_NameWeight_MixesNameAndDescription(double nameWeight, double expectedAlpha)
    {
        // Arrange: alpha = (1 - w) * 0.6 + w * 0.8.
        var retriever = new EmbeddingToolRetriever(Generator(), new EmbeddingToolRetrieverOptions { NameWeight = nameWeight, NeighbourWeight = 0 });

        // Act
        var matches = await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 3);

        // Assert
        Assert.Equal(expectedAlpha, matches.Single(m => m.Tool.Name == "alpha").Score, 1e-5);
    }

    [Fact]
    public async Task RetrieveAsync_NoDescription_UsesTheNameAlone()
    {
        // Arrange
        var retriever = new EmbeddingToolRetriever(Generator(), Plain());
        var catalog = new ToolCatalog([TestCatalogs.Tool("alpha", ""), TestCatalogs.Tool("beta", "")]);

        // Act
        var matches = await retriever.RetrieveAsync(catalog, new ToolQuery("query"), 2);

        // Assert
        Assert.Equal(0.8, matches[0].Score, 1e-5);
        Assert.Equal(0.6, matches[1].Score, 1e-5);
    }

    [Fact]
    public async Task RetrieveAsync_NeighbourWeight_PoolsTheNearestToolsScore()
    {
        // Arrange: tool vectors 0.8 description + 0.2 name: alpha (0.2, 0.8), beta (0, 1), gamma (0.7071, 0.7071).
        // alpha's nearest is beta (0.8 > 0.7071) and beta's is alpha (0.8 > 0.7071). Plain scores alpha 0.64, beta 0.6.
        // With one neighbour and weight 0.5: alpha = 0.5 * 0.64 + 0.5 * 0.6 = 0.62, beta = 0.5 * 0.6 + 0.5 * 0.64 = 0.62;
        // gamma = 0.5 * 0.989949 + 0.5 * (0.64 or 0.6) stays first.
        var retriever = new EmbeddingToolRetriever(Generator(), new EmbeddingToolRetrieverOptions { NeighbourWeight = 0.5, NeighbourCount = 1 });

        // Act
        var matches = await retriever.RetrieveAsync(Catalog(), new ToolQuery("query"), 3);

        // Assert
        Assert.Equal(["gamma", "alpha", "beta"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.62, matches[1].Score, 1e-5);
        Assert.Equal(0.62, matches[2].Score, 1e-5);
    }

    [Fact]
    public async Task RetrieveAsync_ImageQuery_BoostsToolsThatTakeAnImageAndPenalisesThemWithout()
    {
        // Arrange: beta requires an image. Plain scores: gamma 0.989949, alpha 0.64, beta 0.6.
        // With an image: beta = 0.6 + 0.5 = 1.1 comes first. Without: beta = 0.6 - 0.05 = 0.55.
        const string Photo = """{"type":"object","properties":{"photo":{"type":"string"}},"required":["photo"]}""";
        var catalog = new ToolCatalog([TestCatalogs.Tool("alpha", "first"), TestCatalogs.Tool("beta", "second", Photo), TestCatalogs.Tool("gamma", "third")]);
        var retriever = new EmbeddingToolRetriever(Generator(), new EmbeddingToolRetrieverOptions { NeighbourWeight = 0, ImageBoost = 0.5, MissingImagePenalty = 0.05 });
        var image = new ToolQuery("query") { Images = [new DataContent(new byte[] { 1 }, "image/png")] };

        // Act
        var withImage = await retriever.RetrieveAsync(catalog, image, 3);
        var without = await retriever.RetrieveAsync(catalog, new ToolQuery("query"), 3);

        // Assert
        Assert.Equal(["beta", "gamma", "alpha"], withImage.Select(m => m.Tool.Name));
        Assert.Equal(1.1, withImage[0].Score, 1e-5);
        Assert.Equal(["gamma", "alpha", "beta"], without.Select(m => m.Tool.Name));
        Assert.Equal(0.55, without[2].Score, 1e-5);
    }

    [Fact]
    public void QueryTexts_ClauseWeight_AddsTheNormalisedClauses()
    {
        // Arrange
        var retriever = new EmbeddingToolRetriever(Generator(), new EmbeddingToolRetrieverOptions { ClauseWeight = 0.3 });

        // Act
        var texts = retriever.QueryTexts("Zip report.pdf and notes; then mail it to bob@example.com");

        // Assert
        Assert.Equal(["Zip a file and notes; then mail it to an email address", "Zip a file and notes", "then mail it to an email address"], texts);
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

        // Assert: six tool texts (name and description each) in batches of 2, then one single-text call per query.
        Assert.Equal([2, 2, 2, 1, 1, 1, 1, 1], generator.Batches.Select(b => b.Length));
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

        // Assert: one call for the 6 tool texts, eight for the queries.
        Assert.Equal(9, counting.Calls);
        Assert.Equal(6 + 8, counting.Inputs);
    }

    [Theory]
    [InlineData(false, "Gets the forecast.")]
    [InlineData(true, "Gets the forecast. Parameters: city name, days.")]
    public void ToolTexts_ToolWithParameters_GivesNameWordsAndDescription(bool includeParameters, string expectedDescription)
    {
        // Arrange
        var retriever = new EmbeddingToolRetriever(Generator(), new EmbeddingToolRetrieverOptions { IncludeParameterNames = includeParameters });
        var tool = TestCatalogs.Tool("getWeather_forecast", " Gets the forecast. ", """{"type":"object","properties":{"cityName":{"type":"string"},"days":{"type":"integer"}}}""");

        // Act
        var (name, description) = retriever.ToolTexts(tool);

        // Assert
        Assert.Equal("get weather forecast", name);
        Assert.Equal(expectedDescription, description);
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
