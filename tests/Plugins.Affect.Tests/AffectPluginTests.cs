using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Plugins.Affect.Emotions;
using Plugins.Affect.Tests.Emotions;
using Plugins.Affect.Text;
using Plugins.Affect.Visual;

namespace Plugins.Affect.Tests;

public sealed class AffectPluginTests(TinyLlavaChatClientFixture fixture) : IClassFixture<TinyLlavaChatClientFixture>
{
    private const string Text = "I can't wait for the weekend, but the exam makes me nervous.";

    private static readonly string ImagePath = Path.Combine(Fixtures.Dir("tiny-llava"), "image.png");

    private static readonly string[] FunctionNames =
        ["analyze_sentiment", "classify_emotions", "rate_emotion_intensity", "rate_valence", "rate_valence_ordinal", "find_emotion_cause", "read_image_emotion"];

    private static Kernel KernelWith(IChatClient chat, ITextSentimentAnalyzer? analyzer = null)
    {
        analyzer ??= new FakeSentimentAnalyzer(0.5, ("wait", 1.0));
        var plugin = new AffectPlugin(analyzer, new EmotionClassifier(chat, sentimentAnalyzer: analyzer), new VisualEmotionReader(chat));
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(plugin, "affect");
        return kernel;
    }

    [Fact]
    public void Plugin_Functions_AllDescribedWithDescribedParameters()
    {
        var plugin = KernelWith(new RecordingChatClient("{}")).Plugins["affect"];

        Assert.Equal(FunctionNames.Order(), plugin.Select(f => f.Name).Order());
        foreach (var function in plugin)
        {
            Assert.Contains("Returns", function.Description, StringComparison.Ordinal);
            Assert.All(function.Metadata.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{function.Name}.{p.Name}"));
        }
    }

    [Fact]
    public async Task AnalyzeSentiment_ThroughKernel_ReturnsTheAnalyzersScores()
    {
        var analyzer = new FakeSentimentAnalyzer(-0.34, ("nervous", -1.2));
        var kernel = KernelWith(new RecordingChatClient("{}"), analyzer);

        var result = await kernel.InvokeAsync("affect", "analyze_sentiment", new() { ["text"] = Text });

        var scores = result.GetValue<SentimentScores>()!;
        Assert.Equal(-0.34, scores.Compound);
        Assert.Equal("nervous", Assert.Single(scores.Drivers).Word);
    }

    [Fact]
    public async Task ClassifyEmotions_ThroughKernelWithLabelSet_UsesThatSet()
    {
        var chat = new RecordingChatClient("{\"emotions\":[\"fear\"]}");

        var result = await KernelWith(chat).InvokeAsync("affect", "classify_emotions", new() { ["text"] = Text, ["labelSet"] = "ekman" });

        var classification = result.GetValue<EmotionClassification>()!;
        Assert.Equal(["fear"], classification.Emotions);
        Assert.Equal("ekman", classification.LabelSet);
        Assert.Contains("from: anger, disgust, fear, joy, sadness, surprise.", chat.Prompt(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyEmotions_UnknownLabelSet_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            KernelWith(new RecordingChatClient("{}")).InvokeAsync("affect", "classify_emotions", new() { ["text"] = Text, ["labelSet"] = "plutchik" }));

        Assert.Contains("'plutchik' is not a built-in emotion label set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadImageEmotion_DataUri_SendsTheImageWithTheHint()
    {
        var chat = new RecordingChatClient("{\"clues\":[\"red\"],\"emotion\":\"anger\"}");
        var uri = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(ImagePath));

        var result = await KernelWith(chat).InvokeAsync("affect", "read_image_emotion", new() { ["image"] = uri, ["polarityHint"] = "Negative" });

        var emotion = result.GetValue<VisualEmotion>()!;
        Assert.Equal("anger", emotion.Emotion);
        Assert.Equal("negative", emotion.PolarityHint);
        Assert.Equal("image/png", chat.Calls[0].Messages.Single().Contents.OfType<DataContent>().Single().MediaType);
    }

    [Theory]
    [InlineData("no/such/file.png", "", "does not exist")]
    [InlineData("", "", "The image is empty")]
    [InlineData("IMAGE", "happy", "polarity hint 'happy'")]
    public async Task ReadImageEmotion_BadInput_ThrowsNamingIt(string image, string hint, string expected)
    {
        var chat = new RecordingChatClient("{}");

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            KernelWith(chat).InvokeAsync("affect", "read_image_emotion", new() { ["image"] = image == "IMAGE" ? ImagePath : image, ["polarityHint"] = hint }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task AddAffectPlugin_RealVaderAndTinyModel_EveryFunctionCallableThroughTheKernel()
    {
        var services = new ServiceCollection();
        services.AddSingleton(fixture.Client);
        services.AddAffectPlugin(e => e.MaxOutputTokens = 48, v => v.MaxOutputTokens = 64);
        using var provider = services.BuildServiceProvider();
        var kernel = new Kernel(provider);
        kernel.Plugins.AddFromObject(provider.GetRequiredService<AffectPlugin>(), "affect");

        var sentiment = (await kernel.InvokeAsync("affect", "analyze_sentiment", new() { ["text"] = "The movie was NOT good." })).GetValue<SentimentScores>()!;
        var labels = (await kernel.InvokeAsync("affect", "classify_emotions", new() { ["text"] = Text })).GetValue<EmotionClassification>()!;
        var intensity = (await kernel.InvokeAsync("affect", "rate_emotion_intensity", new() { ["text"] = Text, ["emotion"] = "fear" })).GetValue<EmotionIntensity>()!;
        var valence = (await kernel.InvokeAsync("affect", "rate_valence", new() { ["text"] = Text })).GetValue<ValenceRating>()!;
        var ordinal = (await kernel.InvokeAsync("affect", "rate_valence_ordinal", new() { ["text"] = Text })).GetValue<OrdinalValence>()!;
        var cause = (await kernel.InvokeAsync("affect", "find_emotion_cause", new() { ["text"] = Text })).GetValue<EmotionCause>()!;
        var visual = (await kernel.InvokeAsync("affect", "read_image_emotion", new() { ["image"] = ImagePath, ["polarityHint"] = "neutral" })).GetValue<VisualEmotion>()!;

        Assert.True(sentiment.Compound < 0);
        Assert.Equal("good", Assert.Single(sentiment.Drivers).Word);
        Assert.All(labels.Emotions, e => Assert.True(EmotionLabelSet.SemEvalEc.Contains(e)));
        Assert.Contains("nervous", labels.Hints!.CueWords);
        Assert.InRange(intensity.Intensity, 0, 1);
        Assert.InRange(valence.Valence, 0, 1);
        Assert.InRange(ordinal.Level, -3, 3);
        Assert.Equal(cause.Cause, Text.Substring(cause.Start, cause.Cause.Length));
        Assert.True(EmotionLabelSet.ArtEmis.Contains(visual.Emotion));
        Assert.Equal("neutral", visual.PolarityHint);
    }

    [Fact]
    public async Task Plugin_AsAIFunctions_CallableFromMicrosoftExtensionsAI()
    {
        var chat = new RecordingChatClient("{\"valence\":-1}");
        var kernel = KernelWith(chat);
        var function = kernel.Plugins["affect"].AsAIFunctions(kernel).Single(f => f.Name.EndsWith("rate_valence_ordinal", StringComparison.Ordinal));

        var result = await function.InvokeAsync(new AIFunctionArguments { ["text"] = Text });

        Assert.Contains("slightly negative", result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddAffectPlugin_InvalidOptions_ThrowAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddAffectPlugin(e => e.MaxLabels = 0));
        Assert.Throws<ArgumentException>(() => services.AddAffectPlugin(configureImages: i => i.Root = "/no/such/folder"));
    }

    [Fact]
    public void AddAffectPlugin_AnalyzerRegisteredFirst_Kept()
    {
        var analyzer = new FakeSentimentAnalyzer(0.1);
        var services = new ServiceCollection();
        services.AddSingleton<ITextSentimentAnalyzer>(analyzer);
        services.AddSingleton<IChatClient>(new RecordingChatClient("{}"));

        services.AddAffectPlugin();
        using var provider = services.BuildServiceProvider();

        Assert.Same(analyzer, provider.GetRequiredService<ITextSentimentAnalyzer>());
        provider.GetRequiredService<AffectPlugin>().AnalyzeSentiment("x");
        Assert.Equal(1, analyzer.Calls);
    }
}
