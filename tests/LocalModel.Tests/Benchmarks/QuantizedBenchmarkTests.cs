using System;
using System.IO;
using System.Threading.Tasks;
using Agents.Bench.Runtime;
using Agents.TestSupport;

namespace LocalModel.Tests.Benchmarks;

/// <summary>The side-by-side dtype benchmark and the quantization accuracy report, on the fixture's packages.</summary>
public class QuantizedBenchmarkTests
{
    [Fact]
    public async Task DTypeComparison_Fp32AndInt4_RowsInOrderWithSmallerInt4Package()
    {
        var packages = new[] { Fixtures.Package("tiny-llava"), Fixtures.Package("tiny-llava", "int4") };

        var rows = await DTypeComparison.RunAsync(packages, new RuntimeBenchmarkOptions { MaxTokens = 4, Repeats = 1, Warmup = 0 }, rounds: 2);

        Assert.Equal(2, rows.Count);
        Assert.Equal("fp32 standard", rows[0].Label);
        Assert.StartsWith("int4 (block 32", rows[1].Label, StringComparison.Ordinal);
        Assert.True(rows[1].PackageBytes < rows[0].PackageBytes);
        Assert.All(rows, r => Assert.Equal(2, r.DecodeRounds.Count));
        Assert.All(rows, r => Assert.True(r.DecodeTokensPerSecond > 0 && r.ImagePrefillMs > 0));
        Assert.Null(rows[1].RatioOverGenAi);
        Assert.All(rows, r => Assert.Null(r.PeakWorkingSetBytes));
    }

    [Fact]
    public async Task DTypeComparison_PackagesOfDifferentModels_ThrowsNamingThePackage()
    {
        var other = Path.Combine(Fixtures.RepoRoot, "LocalModel", "Models", "agents-mini");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => DTypeComparison.RunAsync(new[] { Fixtures.Package("tiny-llava"), other }, new RuntimeBenchmarkOptions(), rounds: 1));

        Assert.Contains("agents-mini", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuantizationAccuracy_FusedFp32AndInt4_FusedAgreesFullyInt4Differs()
    {
        var rows = await QuantizationAccuracy.RunAsync(Fixtures.Package("tiny-llava"), new[] { Fixtures.Package("tiny-llava", flavour: "fused"), Fixtures.Package("tiny-llava", "int4") }, positions: 6, prompts: new[] { QuantizationAccuracy.DefaultPrompts[0], QuantizationAccuracy.DefaultPrompts[1] });

        Assert.Equal(6, rows[0].Top1AgreementByPosition.Count);
        Assert.Equal(1.0, rows[0].Top1Agreement);
        Assert.True(rows[0].MeanKl < 1e-6, $"fused KL {rows[0].MeanKl}");
        Assert.Equal(6.0, rows[0].FreeRunMatchingPrefix);
        Assert.True(rows[1].MeanKl > rows[0].MeanKl);
        Assert.InRange(rows[1].Top1Agreement, 0.0, 1.0);
    }
}
