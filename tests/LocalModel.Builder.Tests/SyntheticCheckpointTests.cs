using System.IO;
using System.Threading.Tasks;
using LocalModel.Generation;
using Agents.TestSupport;

namespace LocalModel.Builder.Tests;

public class SyntheticCheckpointTests
{
    [Fact]
    public async Task Write_Tiny576Preset_BuildsPackageWith576VisualTokensThatGenerates()
    {
        var root = Path.Combine(Path.GetTempPath(), "localmodel-tests", $"synth-{System.Environment.ProcessId}");
        var checkpoint = Path.Combine(root, "checkpoint");
        var package = Path.Combine(root, "package");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, true);
        }

        SyntheticLlavaCheckpoint.Write(checkpoint, "tiny576", Fixtures.Dir("tiny-llava"));
        var manifest = new LlavaPackageBuilder().Build(checkpoint, package);
        using var engine = VlmEngine.Load(package);
        var request = new GenerationRequest { Prompt = "USER: <image>\nHi ASSISTANT:", MaxTokens = 3, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image_wide.png")));

        var result = await engine.GenerateAsync(request);

        Assert.Equal(576, manifest.Vision.VisualTokensPerImage);
        Assert.Equal(576, result.Usage.VisualTokensKept);
        Assert.Equal(3, result.Usage.CompletionTokens);
        Directory.Delete(root, true);
    }

    [Fact]
    public void Write_UnknownPreset_Throws()
    {
        var ex = Assert.Throws<System.ArgumentException>(() => SyntheticLlavaCheckpoint.Write(Path.GetTempPath(), "huge", Fixtures.Dir("tiny-llava")));
        Assert.Contains("huge", ex.Message, System.StringComparison.Ordinal);
    }
}
