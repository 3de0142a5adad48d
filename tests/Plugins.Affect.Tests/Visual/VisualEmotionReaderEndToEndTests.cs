using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Affect.Emotions;
using Plugins.Affect.Visual;
using Xunit.Abstractions;

namespace Plugins.Affect.Tests.Visual;

/// <summary>Visual affect on the random-weight tiny-llava model with its fixture image: well-formed and parsed, not correct.</summary>
public sealed class VisualEmotionReaderEndToEndTests(TinyLlavaChatClientFixture fixture, ITestOutputHelper output) : IClassFixture<TinyLlavaChatClientFixture>
{
    private static DataContent Image() => new(File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")), "image/png");

    [Theory]
    [InlineData(null)]
    [InlineData(SentimentPolarity.Positive)]
    public async Task ReadAsync_TinyModel_CluesThenEmotionOfTheArtSet(SentimentPolarity? hint)
    {
        var result = await new VisualEmotionReader(fixture.Client).ReadAsync(Image(), polarityHint: hint);

        output.WriteLine($"{string.Join(" | ", result.Clues)} -> {result.Emotion}");
        Assert.InRange(result.Clues.Count, 1, 3);
        Assert.All(result.Clues, c => Assert.InRange(c.EnumerateRunes().Count(), 1, 40));
        Assert.True(EmotionLabelSet.ArtEmis.Contains(result.Emotion));
        Assert.Equal(hint?.ToString().ToLowerInvariant(), result.PolarityHint);
    }

    [Fact]
    public async Task ReadAsync_TinyModelEkman_EmotionOfEkman()
    {
        var result = await new VisualEmotionReader(fixture.Client, new VisualEmotionReaderOptions { MaxOutputTokens = 48, MaxClues = 2 }).ReadAsync(Image(), EmotionLabelSet.Ekman);

        Assert.InRange(result.Clues.Count, 1, 2);
        Assert.True(EmotionLabelSet.Ekman.Contains(result.Emotion));
    }
}
