using System.Linq;
using System.Threading.Tasks;
using Agents.Bench.Pruning;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Pruning;

namespace Agents.Bench.Tests.Pruning;

/// <summary>
/// Which methods <c>bench pruning</c> runs by default: every default on a package with [CLS] attention, the ones that
/// need no [CLS] on a package without (the tiny Qwen2.5-VL fixture package stands for the family), and exactly the
/// given ones when methods are named.
/// </summary>
public sealed class PruningBenchmarkMethodsTests
{
    private static readonly string[] ClsMethods = ["fastervlm", "vtc-cls", "fopru-rank"];

    [Fact]
    public void DefaultMethods_AnyFamily_IncludeVisionZip()
    {
        Assert.Contains("visionzip", PruningBenchmarkOptions.DefaultMethods);
    }

    [Fact]
    public void MethodsFor_QwenFixturePackage_LeavesOutTheClsMethodsAndKeepsVisionZip()
    {
        // Arrange
        var manifest = ModelPackage.Load(Fixtures.Package("tiny-qwen2_5_vl")).Manifest;
        var options = new PruningBenchmarkOptions();

        // Act
        var methods = PruningBenchmark.MethodsFor(options, manifest);
        var leftOut = PruningBenchmark.DefaultMethodsLeftOut(options, manifest);

        // Assert
        Assert.Equal(ClsMethods, leftOut);
        Assert.Equal(PruningBenchmarkOptions.DefaultMethods.Except(ClsMethods), methods);
        Assert.All(methods, m => Assert.False(VisualTokenSelectors.NeedsClsAttention(m), m));
        Assert.Contains("visionzip", methods);
    }

    [Fact]
    public void MethodsFor_StagedQwenFixturePackage_AddsTheInLlmMethods()
    {
        var manifest = ModelPackage.Load(Fixtures.Package("tiny-qwen2_5_vl", staged: true)).Manifest;

        var methods = PruningBenchmark.MethodsFor(new PruningBenchmarkOptions(), manifest);

        Assert.Equal(["fastv", "pyramiddrop"], methods.TakeLast(2));
        Assert.DoesNotContain("fastervlm", methods);
    }

    [Fact]
    public void MethodsFor_LlavaWithClsAttention_RunsEveryDefault()
    {
        var manifest = TestManifests.Llava(0, 1);
        var options = new PruningBenchmarkOptions();

        Assert.Equal(PruningBenchmarkOptions.DefaultMethods, PruningBenchmark.MethodsFor(options, manifest));
        Assert.Empty(PruningBenchmark.DefaultMethodsLeftOut(options, manifest));
    }

    [Fact]
    public void MethodsFor_LlavaWithoutClsOrReceivedAttention_LeavesOutVisionZipToo()
    {
        var leftOut = PruningBenchmark.DefaultMethodsLeftOut(new PruningBenchmarkOptions(), TestManifests.Llava());

        Assert.Equal([.. ClsMethods, "visionzip"], leftOut);
    }

    [Fact]
    public void MethodsFor_MethodsGiven_RunsThemAsGivenAndLeavesNothingOut()
    {
        var manifest = TestManifests.Dynamic(18816);
        var options = new PruningBenchmarkOptions { Methods = ["fastervlm", "uniform"] };

        Assert.Equal(["fastervlm", "uniform"], PruningBenchmark.MethodsFor(options, manifest));
        Assert.Empty(PruningBenchmark.DefaultMethodsLeftOut(options, manifest));
    }

    [Fact]
    public async Task RunAsync_QwenFixturePackage_MeasuresTheApplicableMethodsAndReportsTheImagesTokens()
    {
        // Arrange
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-qwen2_5_vl"));
        var options = new PruningBenchmarkOptions { Budgets = [VisualTokenBudget.Parse("50%")], Repeats = 1, Warmup = 0 };

        // Act
        var result = await PruningBenchmark.RunAsync(engine, options);

        // Assert: the synthetic image is 112 px (the largest multiple of 28 whose square fits max_pixels 18816), 4 x 4
        // merged tokens, fewer than the manifest's maximum of 24.
        Assert.Empty(result.Skipped);
        Assert.Equal(["none", .. PruningBenchmarkOptions.DefaultMethods.Except(ClsMethods)], result.Rows.Select(r => r.Method).Distinct());
        Assert.Equal(16, result.VisualTokensPerImage);
        Assert.Equal(24, engine.Package.Manifest.Vision.VisualTokensPerImage);
        Assert.All(result.Rows, r => Assert.Equal(16, r.Point.Total));
        Assert.Equal(8, result.Rows.Single(r => r.Method == "visionzip").Point.Kept);
        var json = result.ToJson("pkg", "CPU", options.Repeats);
        Assert.Equal(ClsMethods, json["default_methods_left_out"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(16, (int)json["visual_tokens_per_image"]!);
    }
}
