using System;
using System.IO;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Builder;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Pruning.InLlm;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Generation;

/// <summary>
/// The fused decoder flavour (GroupQueryAttention, RotaryEmbedding, SkipSimplifiedLayerNormalization) against the
/// standard decoder and the PyTorch goldens: prefill logits within 1e-4 and the same 16 greedy ids.
/// </summary>
public class FusedDecoderParityTests
{
    private static GenerationRequest GoldenRequest(bool image = true)
    {
        var golden = Fixtures.Golden("tiny-llava");
        var request = new GenerationRequest
        {
            PromptTokenIds = Fixtures.Ints(golden.GetProperty(image ? "input_ids" : "text_input_ids")),
            MaxTokens = 16,
            CapturePrefillLogits = true,
            IgnoreEndOfSequence = true,
        };
        if (image)
        {
            request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));
        }

        return request;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Generate_FusedFp32_MatchesStandardAndGolden(bool image)
    {
        var golden = Fixtures.Golden("tiny-llava");
        using var standard = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        using var fused = VlmEngine.Load(Fixtures.Package("tiny-llava", flavour: "fused"));

        var expected = await standard.GenerateAsync(GoldenRequest(image));
        var actual = await fused.GenerateAsync(GoldenRequest(image));

        Assert.Equal("fused", fused.Package.Manifest.Text.DecoderFlavour);
        Assert.True(Fixtures.MaxAbsDiff(expected.PrefillLogits, actual.PrefillLogits) <= 1e-4f, $"max |diff| {Fixtures.MaxAbsDiff(expected.PrefillLogits, actual.PrefillLogits)}");
        Assert.True(Fixtures.MaxAbsDiff(Fixtures.Floats(golden.GetProperty(image ? "prefill_logits_last" : "text_prefill_logits_last")), actual.PrefillLogits) <= 1e-4f);
        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(Fixtures.Ints(golden.GetProperty(image ? "greedy_ids" : "text_greedy_ids")), actual.TokenIds);
    }

    [Fact]
    public async Task Generate_FusedKeptTokensWithOriginalPositions_MatchesStandard()
    {
        // Positions with gaps (FastV's convention) reach RotaryEmbedding as explicit position ids.
        using var standard = VlmEngine.Load(Fixtures.Package("tiny-llava"));
        using var fused = VlmEngine.Load(Fixtures.Package("tiny-llava", flavour: "fused"));
        GenerationRequest Pruned()
        {
            var r = GoldenRequest();
            r.VisualTokenSelector = new FasterVlmSelector();
            r.VisualTokenBudget = VisualTokenBudget.FromCount(5);
            r.KeepOriginalPositions = true;
            return r;
        }

        var expected = await standard.GenerateAsync(Pruned());
        var actual = await fused.GenerateAsync(Pruned());

        Assert.Equal(5, actual.Usage.VisualTokensKept);
        Assert.True(Fixtures.MaxAbsDiff(expected.PrefillLogits, actual.PrefillLogits) <= 1e-4f);
        Assert.Equal(expected.TokenIds, actual.TokenIds);
    }

    [Fact]
    public async Task Generate_FusedPackageWithStages_FastVRunsOnStandardStagedGraphs()
    {
        using var output = new TempDirectory();
        new LlavaPackageBuilder().Build(Fixtures.Dir("tiny-llava"), output.Path, new PackageBuildOptions { DecoderFlavour = "fused", DecoderStageBoundaries = { 1 }, Overwrite = true });
        using var fused = VlmEngine.Load(output.Path);
        using var standard = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));
        GenerationRequest FastV()
        {
            var r = GoldenRequest();
            r.LlmPruning = LlmPruningPlan.FastV(layer: 1, dropRatio: 0.5);
            return r;
        }

        var expected = await standard.GenerateAsync(FastV());
        var actual = await fused.GenerateAsync(FastV());
        var plain = await fused.GenerateAsync(GoldenRequest());

        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(8, actual.Usage.VisualTokensKept);
        Assert.Equal(Fixtures.Ints(Fixtures.Golden("tiny-llava").GetProperty("greedy_ids")), plain.TokenIds);
    }

    [Fact]
    public void Build_FusedWithHeadSizeNotMultipleOf16_ThrowsNamingTheHeadSize()
    {
        // Arrange: 64 hidden over 8 heads (4 KV heads) is head size 8; q/k/v keep their shapes.
        using var checkpoint = TempDirectory.CopyOf(Fixtures.Dir("tiny-llava"));
        var config = File.ReadAllText(checkpoint.Combine("config.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(config)!;
        json["text_config"]!["num_attention_heads"] = 8;
        json["text_config"]!["num_key_value_heads"] = 4;
        json["text_config"]!["head_dim"] = 8;
        File.WriteAllText(checkpoint.Combine("config.json"), json.ToJsonString());
        using var output = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => new LlavaPackageBuilder().Build(checkpoint.Path, output.Combine("pkg"), new PackageBuildOptions { DecoderFlavour = "fused" }));

        Assert.Contains("head size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is 8", ex.Message, StringComparison.Ordinal);
    }
}
