using System;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Fusion;

/// <summary>Reciprocal-rank fusion over fixed rankings, fused by hand: score = sum of w / (60 + rank).</summary>
public sealed class HybridToolRetrieverTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task RetrieveAsync_EqualWeights_FusesReciprocalRanks()
    {
        // Arrange: x ranks A, B, C; y ranks C, A, D.
        // A = 1/61 + 1/62 = 0.0325224749; C = 1/63 + 1/61 = 0.0322664585; B = 1/62 = 0.0161290323; D = 1/63 = 0.0158730159.
        var catalog = TestCatalogs.Of("A", "B", "C", "D");
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B", "C"), new FixedToolRetriever("y", "C", "A", "D")], new HybridToolRetrieverOptions { K = 60 });

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("anything"), 4);

        // Assert
        Assert.Equal(["A", "C", "B", "D"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.0325224749, matches[0].Score, Tolerance);
        Assert.Equal(0.0322664585, matches[1].Score, Tolerance);
        Assert.Equal(0.0161290323, matches[2].Score, Tolerance);
        Assert.Equal(0.0158730159, matches[3].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_WeightedRetriever_ChangesTheOrder()
    {
        // Arrange: y weighs 2. C = 1/63 + 2/61 = 0.0486599011; A = 1/61 + 2/62 = 0.0486515071; D = 2/63 = 0.0317460317; B = 1/62.
        var catalog = TestCatalogs.Of("A", "B", "C", "D");
        var options = new HybridToolRetrieverOptions { K = 60 };
        options.Weights["y"] = 2;
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B", "C"), new FixedToolRetriever("y", "C", "A", "D")], options);

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("anything"), 4);

        // Assert
        Assert.Equal(["C", "A", "D", "B"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.0486599011, matches[0].Score, Tolerance);
        Assert.Equal(0.0486515071, matches[1].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_SmallerK_FusesWithIt()
    {
        // Arrange: k = 0: A = 1/1 + 1/2 = 1.5, B = 1/2 + 1/1 = 1.5 (tie), C = 1/3.
        var catalog = TestCatalogs.Of("B", "A", "C");
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B", "C"), new FixedToolRetriever("y", "B", "A")], new HybridToolRetrieverOptions { K = 0 });

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("anything"), 3);

        // Assert: the tie goes to B, first in the catalogue.
        Assert.Equal(["B", "A", "C"], matches.Select(m => m.Tool.Name));
        Assert.Equal(1.5, matches[0].Score, Tolerance);
        Assert.Equal(1.0 / 3, matches[2].Score, Tolerance);
    }

    [Theory]
    [InlineData(new[] { "A", "B" }, "A")]
    [InlineData(new[] { "B", "A" }, "B")]
    public async Task RetrieveAsync_EqualScores_BreakTiesByCatalogueOrder(string[] catalogueOrder, string expectedFirst)
    {
        // Arrange: A = B = 1/61 + 1/62.
        var catalog = TestCatalogs.Of(catalogueOrder);
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B"), new FixedToolRetriever("y", "B", "A")]);

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("anything"), 2);

        // Assert
        Assert.Equal(expectedFirst, matches[0].Tool.Name);
        Assert.Equal(matches[0].Score, matches[1].Score);
    }

    [Fact]
    public async Task RetrieveAsync_CandidateDepth_AsksEachRetrieverForAtLeastThatMany()
    {
        // Arrange
        var x = new FixedToolRetriever("x", "A", "B", "C");
        var y = new FixedToolRetriever("y", "C");
        var hybrid = new HybridToolRetriever([x, y], new HybridToolRetrieverOptions { CandidateDepth = 2 });

        // Act
        var few = await hybrid.RetrieveAsync(TestCatalogs.Of("A", "B", "C"), new ToolQuery("q"), 1);
        var many = await hybrid.RetrieveAsync(TestCatalogs.Of("A", "B", "C"), new ToolQuery("q"), 3);

        // Assert: depth 2 for top 1 (x gives A, B; y gives C: A and C tie at 1/61, A is first in the catalogue), 3 for top 3 (C = 1/63 + 1/61).
        Assert.Equal([2, 3], x.RequestedTopK);
        Assert.Equal("A", Assert.Single(few).Tool.Name);
        Assert.Equal(["C", "A", "B"], many.Select(m => m.Tool.Name));
    }

    [Fact]
    public void Constructor_NoRetrievers_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => new HybridToolRetriever(Array.Empty<IToolRetriever>()));
    }

    [Fact]
    public async Task RetrieveAsync_Bm25PerToolConfidence_ScalesEachBm25EntryByItsMatchedShareSquared()
    {
        // Arrange: query stems {weather, forecast, lisbon, tomorrow} (4). BM25 ranks get_weather
        // ("Weather forecast for a city": weather, forecast = 2 of 4, s = 0.5) first and nothing else matches.
        // The embedding stand-in ranks get_news, get_weather. k = 60, e = 2:
        // get_weather = 0.5^2 / 61 + 1 / 62 = 0.0040983607 + 0.0161290323 = 0.0202273930; get_news = 1 / 61 = 0.0163934426.
        var catalog = TestCatalogs.ThreeTools();
        var options = new HybridToolRetrieverOptions { K = 60, Bm25ConfidenceExponent = 2, Bm25ConfidencePerTool = true };
        var hybrid = new HybridToolRetriever([new Plugins.Tools.Retrieval.Lexical.Bm25ToolRetriever(), new FixedToolRetriever("embedding", "get_news", "get_weather")], options);

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("weather forecast Lisbon tomorrow"), 3);

        // Assert
        Assert.Equal(["get_weather", "get_news"], matches.Select(m => m.Tool.Name));
        Assert.Equal(0.0202273930, matches[0].Score, Tolerance);
        Assert.Equal(0.0163934426, matches[1].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_Bm25PerQueryConfidence_ScalesBm25sWeightByItsTopToolsShare()
    {
        // Arrange: as above, per query: w_bm25 = 0.5^1 = 0.5. get_weather = 0.5 / 61 + 1 / 62 = 0.0243257; get_news = 1 / 61.
        var catalog = TestCatalogs.ThreeTools();
        var options = new HybridToolRetrieverOptions { K = 60, Bm25ConfidenceExponent = 1, Bm25ConfidencePerTool = false };
        var hybrid = new HybridToolRetriever([new Plugins.Tools.Retrieval.Lexical.Bm25ToolRetriever(), new FixedToolRetriever("embedding", "get_news", "get_weather")], options);

        // Act
        var matches = await hybrid.RetrieveAsync(catalog, new ToolQuery("weather forecast Lisbon tomorrow"), 3);

        // Assert
        Assert.Equal((0.5 / 61) + (1.0 / 62), matches[0].Score, Tolerance);
        Assert.Equal(1.0 / 61, matches[1].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_QueryWithImage_AddsTheModalityRanker()
    {
        // Arrange: B takes an image. x ranks A, B; the modality list is the first list filtered: B (rank 1).
        // With the image, k = 60, image weight 2: A = 1/61 = 0.0163934; B = 1/62 + 2/61 = 0.0489159. Without: A first.
        const string Photo = """{"type":"object","properties":{"photo":{"type":"string"}},"required":["photo"]}""";
        var catalog = new Plugins.Tools.Catalog.ToolCatalog([TestCatalogs.Tool("A", "a"), TestCatalogs.Tool("B", "b", Photo)]);
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B")], new HybridToolRetrieverOptions { K = 60, ImageWeight = 2 });
        var withImage = new ToolQuery("look") { Images = [new Microsoft.Extensions.AI.DataContent(new byte[] { 1 }, "image/png")] };

        // Act
        var image = await hybrid.RetrieveAsync(catalog, withImage, 2);
        var text = await hybrid.RetrieveAsync(catalog, new ToolQuery("look"), 2);

        // Assert
        Assert.Equal(["B", "A"], image.Select(m => m.Tool.Name));
        Assert.Equal((1.0 / 62) + (2.0 / 61), image[0].Score, Tolerance);
        Assert.Equal(["A", "B"], text.Select(m => m.Tool.Name));
    }
}
