using System;
using System.Linq;
using System.Threading.Tasks;
using LocalModel.Pruning;
using LocalModel.Pruning.PreLlm;
using LocalModel.Selection;

namespace LocalModel.Tests.Pruning;

/// <summary>The registry, options validation and the guarantees every selector gives.</summary>
public class VisualTokenSelectorsTests
{
    public static TheoryData<string> PreLlmMethods() => new(VisualTokenSelectors.MethodNames);

    [Fact]
    public void MethodNames_AreTheDocumentedSet()
    {
        Assert.Equal(
            new[] { "none", "fastervlm", "vtc-cls", "fopru-rank", "fopru-row", "divprune", "bipartite-merge", "visionzip", "pool", "pool-2x2", "pool-4x4", "pool-8x8", "pool-global", "random", "uniform", "adaptive-mass" },
            VisualTokenSelectors.MethodNames);
        Assert.Equal(new[] { "fastv", "pyramiddrop" }, VisualTokenSelectors.InLlmMethodNames);
    }

    [Theory]
    [MemberData(nameof(PreLlmMethods))]
    public void Create_EachName_SelectorNamedAfterIt(string method)
    {
        var selector = VisualTokenSelectors.Create(method, new PruningOptions());

        Assert.Equal(method == "pool" ? "pool-2x2" : method, selector.Name);
    }

    [Fact]
    public void Create_NameCaseAndSpaces_Ignored()
    {
        Assert.IsType<FasterVlmSelector>(VisualTokenSelectors.Create(" FasterVLM ", new PruningOptions()));
    }

    [Fact]
    public void Create_Unknown_ThrowsListingAllowedNames()
    {
        var e = Assert.Throws<ArgumentException>(() => VisualTokenSelectors.Create("sparsevlm", new PruningOptions()));

        Assert.Contains("'sparsevlm'", e.Message, StringComparison.Ordinal);
        foreach (var name in VisualTokenSelectors.MethodNames)
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fastv")]
    [InlineData("PyramidDrop")]
    public void Create_InLlmName_ThrowsSayingInLlm(string method)
    {
        var e = Assert.Throws<ArgumentException>(() => VisualTokenSelectors.Create(method, new PruningOptions()));

        Assert.Contains("in-LLM; not a pre-LLM selector", e.Message, StringComparison.Ordinal);
        Assert.True(VisualTokenSelectors.IsInLlmMethod(method));
        Assert.Equal(VisualTokenSelectors.InLlmDescription, VisualTokenSelectors.Describe(method));
    }

    [Fact]
    public void NeedsClsAttention_AttentionMethodsOnly()
    {
        var needing = VisualTokenSelectors.MethodNames.Where(VisualTokenSelectors.NeedsClsAttention);

        Assert.Equal(new[] { "fastervlm", "vtc-cls", "fopru-rank", "fopru-row", "adaptive-mass" }, needing);
    }

    [Fact]
    public void MethodsWithoutClsAttention_FeatureAndReceivedAttentionMethods_NoneExcluded()
    {
        Assert.Equal(
            new[] { "divprune", "bipartite-merge", "visionzip", "pool", "pool-2x2", "pool-4x4", "pool-8x8", "pool-global", "random", "uniform" },
            VisualTokenSelectors.MethodsWithoutClsAttention);
    }

    [Fact]
    public void Create_VisionZip_TakesContextualFractionAndDescribes()
    {
        var selector = Assert.IsType<VisionZipSelector>(VisualTokenSelectors.Create("visionzip", new PruningOptions { VisionZipContextualFraction = 0.25 }));

        Assert.Equal(0.25, selector.ContextualFraction);
        Assert.False(VisualTokenSelectors.NeedsClsAttention("visionzip"));
        Assert.Contains("VisionZip", VisualTokenSelectors.Describe("visionzip"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PruningOptions.VisionZipContextualFraction))]
    [InlineData(nameof(PruningOptions.MassFraction))]
    [InlineData(nameof(PruningOptions.MassMinTokens))]
    [InlineData(nameof(PruningOptions.MassMaxTokens))]
    [InlineData(nameof(PruningOptions.PoolingFactor))]
    [InlineData(nameof(PruningOptions.FeatureLayer))]
    [InlineData(nameof(PruningOptions.VtcClsStartLayer))]
    [InlineData(nameof(PruningOptions.Method))]
    public void Create_InvalidOption_ThrowsNamingIt(string field)
    {
        var options = new PruningOptions();
        switch (field)
        {
            case nameof(PruningOptions.VisionZipContextualFraction): options.VisionZipContextualFraction = 1; break;
            case nameof(PruningOptions.MassFraction): options.MassFraction = 0; break;
            case nameof(PruningOptions.MassMinTokens): options.MassMinTokens = 0; break;
            case nameof(PruningOptions.MassMaxTokens): options.MassMinTokens = 8; options.MassMaxTokens = 4; break;
            case nameof(PruningOptions.PoolingFactor): options.PoolingFactor = 3; break;
            case nameof(PruningOptions.FeatureLayer): options.FeatureLayer = -1; break;
            case nameof(PruningOptions.VtcClsStartLayer): options.VtcClsStartLayer = 5; options.FeatureLayer = 4; break;
            default: options.Method = "nope"; break;
        }

        var e = Assert.ThrowsAny<ArgumentException>(() => VisualTokenSelectors.Create(options));

        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void PruningOptions_Defaults_Valid()
    {
        var options = new PruningOptions();

        options.Validate();
        Assert.Equal("none", options.Method);
        Assert.Null(options.Budget);
        Assert.Equal(2, options.PoolingFactor);
        Assert.Equal(0.9, options.MassFraction);
        Assert.Equal(10.0 / 64, options.VisionZipContextualFraction);
        Assert.False(options.KeepOriginalPositions);
    }

    [Fact]
    public void Create_OptionsChangedAfterwards_SelectorUnaffected()
    {
        var options = new PruningOptions { Seed = 1 };
        var selector = VisualTokenSelectors.Create("random", options);
        var context = SelectionContexts.Random(8, 8, 2, 8);
        var before = selector.Select(context).SourceIndices;

        options.Seed = 2;

        Assert.Equal(before, selector.Select(context).SourceIndices);
        Assert.Equal(before, VisualTokenSelectors.Create("random", new PruningOptions { Seed = 1 }).Select(context).SourceIndices);
    }

    [Theory]
    [MemberData(nameof(PreLlmMethods))]
    public void Select_AnyBudget_ExactCountAscendingDistinct(string method)
    {
        var selector = VisualTokenSelectors.Create(method, new PruningOptions { MassFraction = 1.0 });
        foreach (var budget in new[] { 1, 5, 18, 35, 36 })
        {
            var context = SelectionContexts.Random(6, 6, 8, budget);
            if (selector is GridPoolingSelector pooling && pooling.PooledCount(6, 6) > budget)
            {
                continue;
            }

            var result = selector.Select(context);

            var expected = method switch
            {
                "none" => 36,
                _ when selector is GridPoolingSelector p => p.PooledCount(6, 6),
                _ => budget,
            };
            Assert.Equal(expected, result.Count);
            Assert.Equal(result.SourceIndices.Distinct().OrderBy(i => i), result.SourceIndices);
            Assert.All(result.SourceIndices, i => Assert.InRange(i, 0, 35));
            Assert.True(result.Features is null || result.Features.Length == result.Count * 8);
        }
    }

    [Theory]
    [MemberData(nameof(PreLlmMethods))]
    public void Select_ConcurrentCalls_SameResultAsSequential(string method)
    {
        var selector = VisualTokenSelectors.Create(method, new PruningOptions { Seed = 3 });
        var context = SelectionContexts.Random(12, 12, 16, 36);
        var expected = selector.Select(context);

        var results = new VisualTokenSelection[16];
        Parallel.For(0, results.Length, i => results[i] = selector.Select(context));

        Assert.All(results, r =>
        {
            Assert.Equal(expected.SourceIndices, r.SourceIndices);
            Assert.Equal(expected.Features, r.Features);
        });
    }
}
