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
        var hybrid = new HybridToolRetriever([new FixedToolRetriever("x", "A", "B", "C"), new FixedToolRetriever("y", "C", "A", "D")]);

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
        var options = new HybridToolRetrieverOptions();
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
}
