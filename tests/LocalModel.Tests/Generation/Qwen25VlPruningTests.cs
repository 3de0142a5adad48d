using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Pruning;

namespace LocalModel.Tests.Generation;

/// <summary>
/// Pruning on the Qwen2.5-VL family: every pre-LLM method that needs no [CLS] runs on the merged tokens within its
/// budget; VisionZip scores them by the received attention the vision graph outputs; [CLS] methods fail naming the
/// ones that apply; PyramidDrop runs on the staged Qwen decoder.
/// </summary>
public class Qwen25VlPruningTests
{
    private const string Checkpoint = "tiny-qwen2_5_vl";

    [Theory]
    [InlineData("divprune", 10)]
    [InlineData("bipartite-merge", 10)]
    [InlineData("random", 10)]
    [InlineData("uniform", 10)]
    [InlineData("visionzip", 10)]
    [InlineData("pool-2x2", 6)]
    [InlineData("pool-global", 1)]
    public async Task Generate_PreLlmMethod_KeepsItsBudgetOfMergedTokens(string method, int expectedKept)
    {
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint));
        var request = ImageRequest();
        PruningSetup.Apply(request, engine.Package.Manifest, new PruningOptions { Method = method, Budget = VisualTokenBudget.FromFraction(0.5) });

        var result = await engine.GenerateAsync(request);

        Assert.Equal(20, result.Usage.VisualTokensTotal);
        Assert.Equal(expectedKept, result.Usage.VisualTokensKept);
        Assert.Equal(8, result.TokenIds.Count);
    }

    [Fact]
    public async Task Generate_VisionZipAllTokens_EqualsUnpruned()
    {
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint));
        var pruned = ImageRequest();
        PruningSetup.Apply(pruned, engine.Package.Manifest, new PruningOptions { Method = "visionzip", Budget = VisualTokenBudget.FromFraction(1.0) });

        var a = await engine.GenerateAsync(pruned);
        var b = await engine.GenerateAsync(ImageRequest());

        Assert.Equal(b.TokenIds, a.TokenIds);
        Assert.True(Fixtures.MaxAbsDiff(a.PrefillLogits, b.PrefillLogits) <= 1e-6f);
    }

    [Theory]
    [InlineData("fastervlm")]
    [InlineData("vtc-cls")]
    [InlineData("fopru-rank")]
    public void Apply_ClsMethodOnQwenPackage_ThrowsNamingTheMethodsThatApply(string method)
    {
        var manifest = ModelPackage.Load(Fixtures.Package(Checkpoint)).Manifest;

        var error = Assert.Throws<ArgumentException>(() => PruningSetup.Apply(new GenerationRequest { Prompt = "x" }, manifest, new PruningOptions { Method = method, Budget = VisualTokenBudget.FromFraction(0.5) }));

        Assert.Contains("qwen2_5_vl", error.Message, StringComparison.Ordinal);
        Assert.Contains("visionzip", error.Message, StringComparison.Ordinal);
        Assert.Contains("divprune", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_PyramidDropOnStagedQwenDecoder_KeepsTheFractionAndFinishes()
    {
        using var engine = VlmEngine.Load(Fixtures.Package(Checkpoint, staged: true));
        var request = ImageRequest();
        PruningSetup.Apply(request, engine.Package.Manifest, new PruningOptions { Method = "pyramiddrop", Budget = VisualTokenBudget.FromFraction(0.5) });

        var result = await engine.GenerateAsync(request);

        Assert.Equal(10, result.Usage.VisualTokensKept);
        Assert.Equal(8, result.TokenIds.Count);
    }

    private static GenerationRequest ImageRequest()
    {
        var golden = Fixtures.Golden(Checkpoint).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "image");
        var request = new GenerationRequest { PromptTokenIds = Fixtures.Ints(golden.GetProperty("prompt_ids")), MaxTokens = 8, CapturePrefillLogits = true, IgnoreEndOfSequence = true };
        request.Images.Add(ImageInput.FromFile(Path.Combine(Fixtures.Dir(Checkpoint), "image.png")));
        return request;
    }
}
