using System.Linq;
using System.Threading.Tasks;
using Agents.Training.Affect;
using Microsoft.Extensions.AI;
using Plugins.Affect.Evaluation;
using Plugins.Affect.Evaluation.Faces;
using Plugins.Affect.Visual;

namespace Agents.Training.Tests.Affect;

public sealed class AffectFaceExporterTests
{
    [Fact]
    public void Answer_JoyFace_CompactJsonCluesThenEmotion()
    {
        var record = new FaceRecord("a", "images/a.png", "joy", ["upturned mouth", "relaxed raised brows", "rosy cheeks", "calm eyes"], "train", "s");

        var answer = AffectFaceExporter.Answer(record);

        Assert.Equal("{\"clues\":[\"upturned mouth\",\"relaxed raised brows\",\"rosy cheeks\"],\"emotion\":\"joy\"}", answer);
    }

    [Fact]
    public void Answer_EveryGeneratedFace_ReaderParserReadsTheLabel()
    {
        var options = VisualEmotionEvaluator.ReaderOptions();
        foreach (var split in new[] { "train", "heldout" })
        {
            for (var i = 0; i < 140; i++)
            {
                var record = FaceGenerator.Design(split, 11, i).Record;

                var parsed = VisualEmotionResponse.Parse(AffectFaceExporter.Answer(record), FaceEmotions.LabelSet, options.MaxClues, options.MaxClueLength);

                Assert.True(parsed.Success, parsed.Error);
                Assert.Equal(record.Label, parsed.Value.Emotion);
            }
        }
    }

    [Fact]
    public async Task CreateSampleAsync_Face_MessagesAreTheReadersRequest()
    {
        var record = FaceGenerator.Design("train", 1, 3).Record;
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];

        var sample = await AffectFaceExporter.CreateSampleAsync(record, png);

        Assert.Equal("affect-face", sample.Task);
        var message = Assert.Single(sample.Messages);
        Assert.Equal(ChatRole.User, message.Role);
        var image = Assert.IsType<DataContent>(message.Contents[0]);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(png, image.Data.ToArray());
        var text = Assert.IsType<TextContent>(message.Contents[1]).Text;
        Assert.Contains("joy, sadness, anger, fear, surprise, disgust, neutral", text, System.StringComparison.Ordinal);
        Assert.IsType<ChatResponseFormatJson>(sample.Options!.ResponseFormat);
        Assert.Equal(0f, sample.Options.Temperature);
        Assert.Equal("fear", sample.Meta["label"]);
        Assert.EndsWith(",\"emotion\":\"fear\"}", sample.Answer, System.StringComparison.Ordinal);
        Assert.Equal(record.Clues.Take(3), System.Text.Json.JsonDocument.Parse(sample.Answer).RootElement.GetProperty("clues").EnumerateArray().Select(e => e.GetString()));
    }
}
