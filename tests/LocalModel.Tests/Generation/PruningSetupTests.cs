using System;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Pruning;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Tests.Generation;

/// <summary>PruningSetup against hand-made manifests: [CLS]-attention methods on packages without [CLS] attention.</summary>
public class PruningSetupTests
{
    [Theory]
    [InlineData("fastervlm")]
    [InlineData("VTC-CLS")]
    [InlineData("fopru-rank")]
    [InlineData("fopru-row")]
    [InlineData("adaptive-mass")]
    public void Apply_ClsMethodOnPackageWithoutCls_ThrowsNamingFamilyAndMethodsThatApply(string method)
    {
        // Arrange
        var request = new GenerationRequest();
        var manifest = Manifest("qwen2_5_vl", clsLayers: Array.Empty<int>(), stages: Array.Empty<int>());

        // Act
        var e = Assert.Throws<ArgumentException>(() => PruningSetup.Apply(request, manifest, new PruningOptions { Method = method }));

        // Assert
        Assert.Equal("options", e.ParamName);
        Assert.Contains("'qwen2_5_vl'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no [CLS] attention", e.Message, StringComparison.Ordinal);
        Assert.Contains(method.ToLowerInvariant(), e.Message, StringComparison.Ordinal);
        foreach (var applicable in VisualTokenSelectors.MethodsWithoutClsAttention)
        {
            Assert.Contains(applicable, e.Message, StringComparison.Ordinal);
        }

        Assert.Contains("visionzip", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("none", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fastv", e.Message, StringComparison.Ordinal);
        Assert.Null(request.VisualTokenSelector);
        Assert.False(request.KeepOriginalPositions);
    }

    [Fact]
    public void Apply_ClsMethodOnStagedPackageWithoutCls_AlsoListsInLlmMethods()
    {
        var manifest = Manifest("qwen2_5_vl", clsLayers: Array.Empty<int>(), stages: new[] { 2 });

        var e = Assert.Throws<ArgumentException>(() => PruningSetup.Apply(new GenerationRequest(), manifest, new PruningOptions { Method = "fastervlm" }));

        Assert.Contains("fastv, pyramiddrop", e.Message, StringComparison.Ordinal);
        Assert.Contains("staged decoder graphs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("visionzip")]
    [InlineData("divprune")]
    [InlineData("none")]
    public void Apply_NonClsMethodOnPackageWithoutCls_Configures(string method)
    {
        var request = new GenerationRequest();
        var manifest = Manifest("qwen2_5_vl", clsLayers: Array.Empty<int>(), stages: Array.Empty<int>());

        PruningSetup.Apply(request, manifest, new PruningOptions { Method = method, Budget = VisualTokenBudget.FromCount(8) });

        Assert.Equal(method == "none" ? null : method, request.VisualTokenSelector?.Name);
        Assert.Equal(8, request.VisualTokenBudget!.Count);
    }

    [Fact]
    public void Apply_ClsMethodOnPackageWithCls_CreatesSelector()
    {
        var request = new GenerationRequest();
        var manifest = Manifest("llava", clsLayers: new[] { 22 }, stages: Array.Empty<int>());

        PruningSetup.Apply(request, manifest, new PruningOptions { Method = "fastervlm" });

        Assert.IsType<FasterVlmSelector>(request.VisualTokenSelector);
    }

    [Fact]
    public void Apply_VisionZipOptions_ReachTheSelector()
    {
        var request = new GenerationRequest();
        var manifest = Manifest("llava", clsLayers: new[] { 22 }, stages: Array.Empty<int>());

        PruningSetup.Apply(request, manifest, new PruningOptions { Method = "visionzip", VisionZipContextualFraction = 0.25 });

        Assert.Equal(0.25, Assert.IsType<VisionZipSelector>(request.VisualTokenSelector).ContextualFraction);
    }

    private static ModelManifest Manifest(string family, int[] clsLayers, int[] stages)
    {
        var manifest = new ModelManifest { Family = family };
        manifest.Vision.VisualTokensPerImage = 64;
        manifest.Vision.ClsAttentionLayers.AddRange(clsLayers);
        manifest.Text.StageBoundaries.AddRange(stages);
        return manifest;
    }
}
