using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Plugins.Affect.Emotions;
using Plugins.Affect.Visual;

namespace Plugins.Affect.Tests.Visual;

public sealed class VisualEmotionReaderTests
{
    private static DataContent Image() => new(File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")), "image/png");

    [Fact]
    public async Task ReadAsync_WithHint_ImageThenPromptWithHintAndSchema()
    {
        var chat = new RecordingChatClient("{\"clues\":[\"grey sky\"],\"emotion\":\"sadness\"}");
        var reader = new VisualEmotionReader(chat);

        var result = await reader.ReadAsync(Image(), polarityHint: SentimentPolarity.Negative);

        Assert.Equal(["grey sky"], result.Clues);
        Assert.Equal("sadness", result.Emotion);
        Assert.Equal("negative", result.PolarityHint);
        var contents = chat.Calls[0].Messages.Single().Contents;
        Assert.IsType<DataContent>(contents[0]);
        var prompt = chat.Prompt(0);
        Assert.Contains("First list up to 3 short visual clues", prompt, StringComparison.Ordinal);
        Assert.Contains("from: amusement, awe, contentment, excitement, anger, disgust, fear, sadness, something else.", prompt, StringComparison.Ordinal);
        Assert.Contains("Hint: the overall sentiment of the image is negative.", prompt, StringComparison.Ordinal);
        Assert.Equal(VisualEmotionResponse.Schema(EmotionLabelSet.ArtEmis, 3, 40).GetRawText(), chat.Format(0).Schema!.Value.GetRawText());
    }

    [Fact]
    public async Task ReadAsync_NoHintOtherSet_NoHintLine()
    {
        var chat = new RecordingChatClient("{\"clues\":[\"smile\"],\"emotion\":\"joy\"}");

        var result = await new VisualEmotionReader(chat).ReadAsync(Image(), EmotionLabelSet.Ekman);

        Assert.Equal("joy", result.Emotion);
        Assert.Equal("ekman", result.LabelSet);
        Assert.Null(result.PolarityHint);
        Assert.DoesNotContain("Hint", chat.Prompt(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LabelOutsideTheSet_Throws()
    {
        var chat = new RecordingChatClient("{\"clues\":[\"smile\"],\"emotion\":\"joy\"}");

        var error = await Assert.ThrowsAsync<EmotionFormatException>(() => new VisualEmotionReader(chat).ReadAsync(Image()));

        Assert.Equal("visual", error.Format);
    }

    [Fact]
    public async Task ReadAsync_NotAnImage_ThrowsBeforeAsking()
    {
        var chat = new RecordingChatClient("{}");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new VisualEmotionReader(chat).ReadAsync(new DataContent(new byte[] { 1, 2 }, "text/plain")));

        Assert.Contains("'text/plain'", error.Message, StringComparison.Ordinal);
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisualEmotionReader(new RecordingChatClient("{}"), new VisualEmotionReaderOptions { MaxClues = 0 }));
    }
}
