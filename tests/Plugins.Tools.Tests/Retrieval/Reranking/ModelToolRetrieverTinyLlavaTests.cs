using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Retrieval.Reranking;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.Retrieval.Reranking;

/// <summary>
/// The re-ranker end to end on the local chat client over the random-weight tiny-llava fixture: the scores are
/// noise, but each is a real log-likelihood (finite, at most 0) and the answer is a permutation of the shortlist.
/// </summary>
public sealed class ModelToolRetrieverTinyLlavaTests(TinyLlavaChatClientFixture tiny) : IClassFixture<TinyLlavaChatClientFixture>
{
    [Fact]
    public async Task RetrieveAsync_TinyModel_ReturnsAPermutationOfTheShortlistWithLogLikelihoods()
    {
        // Arrange
        var shortlist = new[] { "get_weather_forecast", "send_email", "set_alarm", "play_music" };
        var retriever = new ModelToolRetriever(tiny.Client, new FixedToolRetriever("inner", shortlist), new ModelToolRetrieverOptions { ShortlistSize = 4, MaxOutputTokens = 32 });

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.TwentyTools(), new ToolQuery("will I need an umbrella tomorrow?"), 4);

        // Assert
        Assert.Equal(shortlist.Order(), matches.Select(m => m.Tool.Name).Order());
        Assert.All(matches, m => Assert.True(double.IsFinite(m.Score) && m.Score <= 0, $"{m.Tool.Name}: {m.Score}"));
        Assert.True(matches.Select(m => m.Score).Distinct().Count() > 1, "different names should get different log-likelihoods");
        Assert.Equal(matches.Select(m => m.Score).OrderDescending(), matches.Select(m => m.Score));
    }

    [Fact]
    public async Task RetrieveAsync_TinyModelWithImage_ReturnsAPermutationOfTheShortlist()
    {
        // Arrange: a 2x2 PNG (red and green pixels).
        var png = System.Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DA8B+MgBgAHfAD/dPQfSYAAAAASUVORK5CYII=");
        var shortlist = new[] { "translate_text", "take_note", "calculate" };
        var retriever = new ModelToolRetriever(tiny.Client, new FixedToolRetriever("inner", shortlist), new ModelToolRetrieverOptions { ShortlistSize = 3, MaxOutputTokens = 32 });

        // Act
        var matches = await retriever.RetrieveAsync(TestCatalogs.TwentyTools(), new ToolQuery("what does this sign say?") { Images = [new DataContent(png, "image/png")] }, 3);

        // Assert
        Assert.Equal(shortlist.Order(), matches.Select(m => m.Tool.Name).Order());
        Assert.All(matches, m => Assert.True(double.IsFinite(m.Score) && m.Score <= 0));
    }
}
