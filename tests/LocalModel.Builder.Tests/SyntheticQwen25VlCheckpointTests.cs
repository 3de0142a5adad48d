using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Builder.Safetensors;
using LocalModel.Generation;

namespace LocalModel.Builder.Tests;

/// <summary>
/// The synthetic Qwen2.5-VL writer: the <c>qwen-small</c> preset's sizes (read, not written: its 76M weights are for
/// benchmarks), and a tiny shape written with the fixture's depth and layer count, which must have the fixture's hub
/// layout (tensor names and config fields) and build into a package that generates.
/// </summary>
public sealed class SyntheticQwen25VlCheckpointTests : IDisposable
{
    private const string Fixture = "tiny-qwen2_5_vl";

    /// <summary>The fixture's sizes: vision depth 3 with full attention in block 1, a 2-layer decoder, max_pixels 18816.</summary>
    private static readonly SyntheticQwen25VlCheckpoint.Shape Tiny = new("test-tiny", VisionHidden: 32, VisionDepth: 3, VisionHeads: 2, VisionIntermediate: 48, FullAttentionBlocks: new[] { 1 }, WindowSize: 112, TextHidden: 64, TextLayers: 2, Heads: 4, KvHeads: 2, Intermediate: 128, MropeSection: new[] { 2, 3, 3 }, MaxPixels: 18816);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ForPreset_QwenSmall_HasTheBenchmarkSizes()
    {
        // Act
        var s = SyntheticQwen25VlCheckpoint.ForPreset("qwen-small");

        // Assert
        Assert.Equal((128, 4, 4, 112), (s.VisionHidden, s.VisionDepth, s.VisionHeads, s.WindowSize));
        Assert.Equal(new[] { 1, 3 }, s.FullAttentionBlocks);
        Assert.Equal((768, 12, 12, 4, 2048), (s.TextHidden, s.TextLayers, s.Heads, s.KvHeads, s.Intermediate));
        Assert.Equal(s.TextHidden / s.Heads / 2, s.MropeSection.Sum());
        Assert.Equal(672L * 672, s.MaxPixels);
        Assert.True(s.MaxPixels / (28 * 28) >= 576, "a 672 px image must give at least 576 merged tokens");
    }

    [Fact]
    public void Write_FixtureSizedShape_HasTheFixturesTensorNamesAndShapes()
    {
        // Arrange
        var dir = Path.Combine(_temp.Path, "ckpt");

        // Act
        SyntheticQwen25VlCheckpoint.Write(dir, Tiny, Fixtures.Dir(Fixture), seed: 7);

        // Assert
        using var ours = SafetensorsCheckpoint.Open(dir);
        using var fixture = SafetensorsCheckpoint.Open(Fixtures.Dir(Fixture));
        Assert.Equal(fixture.Tensors.Keys.Order(StringComparer.Ordinal), ours.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, info) in fixture.Tensors)
        {
            Assert.True(info.Shape.SequenceEqual(ours.Tensors[name].Shape), $"{name}: [{string.Join(",", ours.Tensors[name].Shape)}], fixture [{string.Join(",", info.Shape)}]");
        }
    }

    [Fact]
    public void Write_FixtureSizedShape_LmHeadRowsPastTheTokenizerAreZero()
    {
        // Arrange
        var dir = Path.Combine(_temp.Path, "ckpt");

        // Act
        SyntheticQwen25VlCheckpoint.Write(dir, Tiny, Fixtures.Dir(Fixture), seed: 7);

        // Assert: the tokenizer knows ids 0..518; rows 519..527 must never win greedy decoding.
        using var ours = SafetensorsCheckpoint.Open(dir);
        var head = ours.ReadFloat32("lm_head.weight");
        Assert.All(head[(519 * 64)..], v => Assert.Equal(0f, v));
        Assert.Contains(head[..(519 * 64)], v => v != 0f);
    }

    [Fact]
    public void Write_FixtureSizedShape_ConfigHasTheFixturesFieldsAndOmitsTheVisionDefaults()
    {
        // Arrange
        var dir = Path.Combine(_temp.Path, "ckpt");

        // Act
        SyntheticQwen25VlCheckpoint.Write(dir, Tiny, Fixtures.Dir(Fixture), seed: 7);

        // Assert
        var ours = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!.AsObject();
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.Dir(Fixture), "config.json")))!.AsObject();
        Assert.Equal(fixture.Select(p => p.Key).Append("synthetic").Order(StringComparer.Ordinal), ours.Select(p => p.Key).Order(StringComparer.Ordinal));
        var vision = ours["vision_config"]!.AsObject();
        Assert.Equal(fixture["vision_config"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal), vision.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("patch_size", vision.Select(p => p.Key));
        Assert.Equal(SyntheticQwen25VlCheckpoint.VocabSize, (int)ours["vocab_size"]!);
        var preprocessor = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "preprocessor_config.json")))!;
        Assert.Equal(18816L, (long)preprocessor["max_pixels"]!);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures.Dir(Fixture), "tokenizer.json")), File.ReadAllText(Path.Combine(dir, "tokenizer.json")));
    }

    [Fact]
    public async Task Write_TinyShape_BuildsAQwenPackageThatGeneratesFromAnImage()
    {
        // Arrange
        var dir = Path.Combine(_temp.Path, "ckpt");
        var package = Path.Combine(_temp.Path, "pkg");
        SyntheticQwen25VlCheckpoint.Write(dir, Tiny with { MaxPixels = 112 * 112 }, Fixtures.Dir(Fixture), seed: 3);
        var manifest = new ModelPackageBuilder().Build(dir, package);
        using var engine = VlmEngine.Load(package);
        var request = new GenerationRequest { Prompt = $"<|im_start|>user\n{manifest.SpecialTokens.ImageText}Hi<|im_end|>\n<|im_start|>assistant\n", MaxTokens = 3, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir(Fixture), "image_large.png")));

        // Act
        var result = await engine.GenerateAsync(request);

        // Assert
        Assert.Equal("qwen2_5_vl", manifest.Family);
        Assert.Equal(16, manifest.Vision.VisualTokensPerImage);
        Assert.Equal((3, 2, 16), (manifest.Vision.NumLayers, manifest.Text.NumLayers, manifest.Text.HeadDim));

        // 300 x 200 is above max_pixels: smart_resize floors to 84 x 112 px, 3 x 4 merged tokens.
        Assert.Equal(12, result.Usage.VisualTokensTotal);
        Assert.Equal(3, result.Usage.CompletionTokens);
    }

    [Fact]
    public void Write_TokenizerWithoutQwenTokens_ThrowsNamingTheIdAndWritesNothing()
    {
        // Arrange
        var dir = Path.Combine(_temp.Path, "ckpt");

        // Act
        var error = Assert.Throws<InvalidDataException>(() => SyntheticQwen25VlCheckpoint.Write(dir, "qwen-small", Fixtures.Dir("tiny-llava")));

        // Assert
        Assert.Contains("509", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Write_UnknownPreset_ThrowsNamingThePresets()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticQwen25VlCheckpoint.Write(Path.Combine(_temp.Path, "x"), "qwen-huge", Fixtures.Dir(Fixture)));

        Assert.Contains("qwen-huge", error.Message, StringComparison.Ordinal);
        Assert.Contains("qwen-small", error.Message, StringComparison.Ordinal);
    }
}
