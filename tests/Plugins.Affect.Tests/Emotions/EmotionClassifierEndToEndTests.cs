using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Affect.Emotions;
using Plugins.Affect.Visual;
using Xunit.Abstractions;

namespace Plugins.Affect.Tests.Emotions;

/// <summary>
/// Every EmoLLMs format end to end on the random-weight tiny-llava model under constrained decoding: the answers are
/// noise, but they must be well-formed and parse strictly (correctness belongs to the demo-model issue).
/// </summary>
public sealed class EmotionClassifierEndToEndTests(TinyLlavaChatClientFixture fixture, ITestOutputHelper output) : IClassFixture<TinyLlavaChatClientFixture>
{
    private const string Text = "I can't wait for the weekend, but the exam tomorrow makes me so nervous.";

    private EmotionClassifier Classifier(bool hints = true) =>
        new(fixture.Client, new EmotionClassifierOptions { UseHints = hints, MaxOutputTokens = 48 }, new FakeSentimentAnalyzer(-0.2, ("nervous", -1.5)));

    [Fact]
    public async Task ClassifyAsync_TinyModel_ReturnsDistinctLabelsOfTheSet()
    {
        var result = await Classifier().ClassifyAsync(Text);

        output.WriteLine(string.Join(", ", result.Emotions));
        Assert.InRange(result.Emotions.Count, 0, 3);
        Assert.All(result.Emotions, e => Assert.True(EmotionLabelSet.SemEvalEc.Contains(e)));
        Assert.Equal(result.Emotions.Count, new System.Collections.Generic.HashSet<string>(result.Emotions).Count);
        Assert.NotNull(result.Hints);
    }

    [Fact]
    public async Task ClassifyAsync_TinyModelEkmanWithoutHints_ReturnsLabelsOfEkman()
    {
        var result = await Classifier(hints: false).ClassifyAsync(Text, EmotionLabelSet.Ekman);

        output.WriteLine(string.Join(", ", result.Emotions));
        Assert.All(result.Emotions, e => Assert.True(EmotionLabelSet.Ekman.Contains(e)));
        Assert.Null(result.Hints);
    }

    [Fact]
    public async Task RateIntensityAsync_TinyModel_ReturnsIntensityInRange()
    {
        var result = await Classifier().RateIntensityAsync(Text, "fear");

        output.WriteLine($"{result.Score} {result.Intensity}");
        Assert.Equal("fear", result.Emotion);
        Assert.InRange(result.Score, 0, 100);
        Assert.Equal(result.Score / 100.0, result.Intensity, 12);
    }

    [Fact]
    public async Task RateValenceAsync_TinyModel_ReturnsValenceInRange()
    {
        var result = await Classifier().RateValenceAsync(Text);

        output.WriteLine($"{result.Score}");
        Assert.InRange(result.Valence, 0, 1);
    }

    [Fact]
    public async Task RateValenceOrdinalAsync_TinyModel_ReturnsLevelInRange()
    {
        var result = await Classifier().RateValenceOrdinalAsync(Text);

        output.WriteLine($"{result.Level} {result.Description}");
        Assert.InRange(result.Level, -3, 3);
        Assert.Equal(EmotionResponseParser.Describe(result.Level), result.Description);
    }

    [Fact]
    public async Task FindEmotionCauseAsync_TinyModel_QuotesTheText()
    {
        var result = await Classifier().FindEmotionCauseAsync(Text);

        output.WriteLine($"{result.Emotion}: '{result.Cause}' at {result.Start}");
        Assert.True(EmotionLabelSet.SemEvalEc.Contains(result.Emotion));
        Assert.Equal(result.Cause, Text.Substring(result.Start, result.Cause.Length));
    }

    [Fact]
    public async Task AllFormats_TinyModel_SchemasEnforcedWithoutRelaxation()
    {
        var log = new RecordingLogger();
        using var client = new LocalVlmChatClient(fixture.Engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = "tiny-llava" }, log);
        var classifier = new EmotionClassifier(client, new EmotionClassifierOptions { MaxOutputTokens = 48 });
        var image = new DataContent(File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")), "image/png");

        await classifier.ClassifyAsync(Text);
        await classifier.RateIntensityAsync(Text, "joy");
        await classifier.RateValenceAsync(Text);
        await classifier.RateValenceOrdinalAsync(Text);
        await classifier.FindEmotionCauseAsync(Text);
        await new VisualEmotionReader(client).ReadAsync(image, polarityHint: SentimentPolarity.Negative);

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);

        // Control: a keyword the constraint cannot enforce (why the multi-label schema spells out its label sets) is reported.
        using var unique = JsonDocument.Parse("{\"type\":\"array\",\"items\":{\"enum\":[\"a\",\"b\"]},\"uniqueItems\":true,\"maxItems\":2}");
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { MaxOutputTokens = 12, ResponseFormat = ChatResponseFormat.ForJsonSchema(unique.RootElement) });
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("uniqueItems", System.StringComparison.Ordinal));
    }
}
