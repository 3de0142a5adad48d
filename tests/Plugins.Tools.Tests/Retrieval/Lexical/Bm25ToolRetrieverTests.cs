using System;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Lexical;

/// <summary>
/// BM25 on <see cref="TestCatalogs.ThreeTools"/>, worked out by hand. With name weight 1 the documents are
/// get_weather {get 1, weather 2, forecast 1, citi 1} (|d| = 5), send_email {send 2, email 3, messag 1, recipi 1,
/// address 1} (|d| = 8; "recipient" is a parameter, "Email address" its description) and get_news {get 1, new 2,
/// latest 1, headlin 1} (|d| = 5); N = 3, avgdl = 6, k1 = 1.2, b = 0.75. idf(n = 1) = ln(1 + 2.5 / 1.5) = 0.980829,
/// idf(n = 2) = ln(1 + 1.5 / 2.5) = 0.470004.
/// </summary>
public sealed class Bm25ToolRetrieverTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public async Task RetrieveAsync_WeatherQuery_ScoresOnlyTheWeatherTool()
    {
        // Arrange: |d| = 5 gives K = 1.2 * (0.25 + 0.75 * 5 / 6) = 1.05;
        // weather (tf 2): 0.980829 * 2 * 2.2 / 3.05 = 1.414966; forecast (tf 1): 0.980829 * 2.2 / 2.05 = 1.052598; "todai" matches nothing.
        var retriever = new Bm25ToolRetriever(new Bm25Options { NameWeight = 1 });

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("weather forecast today"), 3);

        // Assert
        var match = Assert.Single(matches);
        Assert.Equal("get_weather", match.Tool.Name);
        Assert.Equal(2.467564, match.Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_SharedTerm_RanksByHandComputedScores()
    {
        // Arrange: get_news: get 0.470004 * 2.2 / 2.05 = 0.504394, plus new (tf 2) 1.414966 = 1.919361; get_weather: get only, 0.504394.
        var retriever = new Bm25ToolRetriever(new Bm25Options { NameWeight = 1 });

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("get the news"), 3);

        // Assert
        Assert.Equal(["get_news", "get_weather"], matches.Select(m => m.Tool.Name));
        Assert.Equal(1.919361, matches[0].Score, Tolerance);
        Assert.Equal(0.504394, matches[1].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_ParameterTerms_AreIndexedWithLengthNormalisation()
    {
        // Arrange: |d| = 8 gives K = 1.2 * (0.25 + 0.75 * 8 / 6) = 1.5; email (tf 3): 0.980829 * 3 * 2.2 / 4.5 = 1.438549;
        // address (tf 1, from the parameter description): 0.980829 * 2.2 / 2.5 = 0.863130.
        var retriever = new Bm25ToolRetriever(new Bm25Options { NameWeight = 1 });

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("email address"), 3);

        // Assert
        var match = Assert.Single(matches);
        Assert.Equal("send_email", match.Tool.Name);
        Assert.Equal(2.301679, match.Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_DefaultNameWeight_CountsNameTermsTwice()
    {
        // Arrange: with name weight 2, get_weather {get 2, weather 3, forecast 1, citi 1} |d| = 7, send_email
        // {send 3, email 4, messag 1, recipi 1, address 1} |d| = 10, get_news {get 2, new 3, latest 1, headlin 1} |d| = 7;
        // avgdl = 8, so K = 1.2 * (0.25 + 0.75 * 7 / 8) = 1.0875 for both 7-term tools.
        // get (tf 2): 0.470004 * 2 * 2.2 / 3.0875 = 0.669803; new (tf 3): 0.980829 * 3 * 2.2 / 4.0875 = 1.583724.
        var retriever = new Bm25ToolRetriever();

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("get news"), 3);

        // Assert
        Assert.Equal(["get_news", "get_weather"], matches.Select(m => m.Tool.Name));
        Assert.Equal(2.253527, matches[0].Score, Tolerance);
        Assert.Equal(0.669803, matches[1].Score, Tolerance);
    }

    [Fact]
    public async Task RetrieveAsync_TopKSmallerThanMatches_ReturnsBestOnly()
    {
        // Arrange
        var retriever = new Bm25ToolRetriever();

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("get news"), 1);

        // Assert
        Assert.Equal("get_news", Assert.Single(matches).Tool.Name);
    }

    [Fact]
    public async Task RetrieveAsync_NoSharedTerm_ReturnsNothing()
    {
        // Arrange
        var retriever = new Bm25ToolRetriever();

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.ThreeTools(), new ToolQuery("umbrella"), 3);

        // Assert
        Assert.Empty(matches);
    }

    [Fact]
    public async Task RetrieveAsync_EqualScores_KeepCatalogueOrder()
    {
        // Arrange: three tools with the same text apart from their names' unmatched terms.
        var catalog = new Plugins.Tools.Catalog.ToolCatalog(
        [
            TestCatalogs.Tool("zeta_lookup", "Looks up a value"),
            TestCatalogs.Tool("alpha_lookup", "Looks up a value"),
            TestCatalogs.Tool("mid_lookup", "Looks up a value"),
        ]);
        var retriever = new Bm25ToolRetriever();

        // Act
        var matches = await retriever.RetrieveAsync(catalog, new ToolQuery("lookup value"), 3);

        // Assert
        Assert.Equal(["zeta_lookup", "alpha_lookup", "mid_lookup"], matches.Select(m => m.Tool.Name));
    }

    [Theory]
    [InlineData(-0.1, 0.75, 2.0)]
    [InlineData(1.2, 1.5, 2.0)]
    [InlineData(1.2, 0.75, 0.0)]
    public void Constructor_OutOfRangeOption_Throws(double k1, double b, double nameWeight)
    {
        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bm25ToolRetriever(new Bm25Options { K1 = k1, B = b, NameWeight = nameWeight }));
    }

    [Theory]
    [InlineData("weather forecast Lisbon tomorrow", 0, 0.5)]
    [InlineData("Send an email to Ana", 1, 2.0 / 3)]
    [InlineData("Send an email to Ana", 0, 0.0)]
    [InlineData("the and of", 0, 0.0)]
    public void MatchedShare_Query_IsTheShareOfItsStemsTheToolContains(string query, int tool, double expected)
    {
        // Arrange: stems weather, forecast, lisbon, tomorrow (get_weather has 2 of 4); send, email, ana (send_email has
        // send and email: 2 of 3); stop words only: no stems, share 0.
        var retriever = new Bm25ToolRetriever();

        // Act
        var share = retriever.MatchedShare(TestCatalogs.ThreeTools(), query, tool);

        // Assert
        Assert.Equal(expected, share, 1e-12);
    }
}
