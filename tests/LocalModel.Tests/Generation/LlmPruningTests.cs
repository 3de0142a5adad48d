using System;
using System.IO;
using System.Threading.Tasks;
using LocalModel.Generation;
using Agents.TestSupport;
using LocalModel.Pruning.InLlm;

namespace LocalModel.Tests.Generation;

/// <summary>In-LLM pruning (FastV, PyramidDrop) on the fixture package built with a decoder stage boundary at layer 1.</summary>
public class LlmPruningTests
{
    private static GenerationRequest Request(LlmPruningPlan? plan, int maxTokens = 16)
    {
        var golden = Fixtures.Golden("tiny-llava");
        var request = new GenerationRequest
        {
            PromptTokenIds = Fixtures.Ints(golden.GetProperty("input_ids")),
            MaxTokens = maxTokens,
            CapturePrefillLogits = true,
            IgnoreEndOfSequence = true,
            LlmPruning = plan,
        };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png")));
        return request;
    }

    [Fact]
    public async Task FastV_DropRatioZero_EqualsUnstagedDecoder()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));

        var reference = await engine.GenerateAsync(Request(null));
        var staged = await engine.GenerateAsync(Request(LlmPruningPlan.FastV(layer: 1, dropRatio: 0)));

        Assert.True(Fixtures.MaxAbsDiff(reference.PrefillLogits, staged.PrefillLogits) <= 1e-5f);
        Assert.Equal(reference.TokenIds, staged.TokenIds);
        Assert.Equal(Fixtures.Ints(Fixtures.Golden("tiny-llava").GetProperty("greedy_ids")), staged.TokenIds);
        Assert.Equal(16, staged.Usage.VisualTokensKept);
    }

    [Fact]
    public async Task PyramidDrop_RatioOne_EqualsUnstagedDecoder()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));

        var reference = await engine.GenerateAsync(Request(null));
        var staged = await engine.GenerateAsync(Request(LlmPruningPlan.PyramidDrop(new[] { 1 }, ratio: 1)));

        Assert.True(Fixtures.MaxAbsDiff(reference.PrefillLogits, staged.PrefillLogits) <= 1e-5f);
        Assert.Equal(reference.TokenIds, staged.TokenIds);
    }

    [Fact]
    public async Task FastV_HalfDropped_EqualsMaskingTheSameTokensThenSixteenDecodeSteps()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));
        var dropped = LlmPruningPlan.FastV(layer: 1, dropRatio: 0.5);

        var physical = await engine.GenerateAsync(Request(dropped));
        var masked = await engine.GenerateAsync(Request(dropped with { MaskInsteadOfDrop = true }));
        var unpruned = await engine.GenerateAsync(Request(null));

        Assert.Equal(8, physical.Usage.VisualTokensKept);
        Assert.Equal(8, masked.Usage.VisualTokensKept);
        Assert.True(Fixtures.MaxAbsDiff(physical.PrefillLogits, masked.PrefillLogits) <= 1e-5f);
        Assert.Equal(masked.TokenIds, physical.TokenIds);

        // Pruning must change something, or the comparison above proves nothing.
        Assert.True(Fixtures.MaxAbsDiff(physical.PrefillLogits, unpruned.PrefillLogits) > 1e-4f);
    }

    [Fact]
    public async Task PyramidDrop_HalfRatio_ReindexesAndKeepsHalf()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));

        var result = await engine.GenerateAsync(Request(LlmPruningPlan.PyramidDrop(new[] { 1 }, ratio: 0.5)));

        Assert.Equal(8, result.Usage.VisualTokensKept);
        Assert.Equal(16, result.Usage.VisualTokensTotal);
        Assert.Equal(16, result.Usage.CompletionTokens);
    }

    [Fact]
    public async Task LlmPruning_LayerNotAStageBoundary_ThrowsListingBoundaries()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava", staged: true));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => engine.GenerateAsync(Request(LlmPruningPlan.FastV(layer: 2))));

        Assert.Contains("start at layers 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LlmPruning_PackageWithoutStages_ThrowsNamingStagedGraphs()
    {
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-llava"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => engine.GenerateAsync(Request(LlmPruningPlan.FastV(layer: 1))));

        Assert.Contains("staged decoder graphs", ex.Message, StringComparison.Ordinal);
    }
}
