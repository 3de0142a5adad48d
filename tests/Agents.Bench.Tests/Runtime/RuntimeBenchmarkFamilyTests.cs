using System;
using System.Threading.Tasks;
using Agents.Bench.Runtime;
using Agents.TestSupport;
using LocalModel.Generation;

namespace Agents.Bench.Tests.Runtime;

/// <summary><c>bench runtime</c> on a Qwen2.5-VL package: the GenAI peer is skipped with its reason, the image is sized for the package.</summary>
public sealed class RuntimeBenchmarkFamilyTests
{
    [Fact]
    public void UnsupportedReason_Llava_IsNull()
    {
        Assert.Null(GenAiPeer.UnsupportedReason(TestManifests.Llava(0, 1)));
    }

    [Fact]
    public void UnsupportedReason_Qwen_NamesTheFamily()
    {
        Assert.Contains("'qwen2_5_vl'", GenAiPeer.UnsupportedReason(TestManifests.Dynamic(18816)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QwenFixturePackageWithPeerAsked_SkipsThePeerSayingWhy()
    {
        // Arrange
        using var engine = VlmEngine.Load(Fixtures.Package("tiny-qwen2_5_vl"));
        var options = new RuntimeBenchmarkOptions { MaxTokens = 2, Repeats = 1, Warmup = 0, CompareWithGenAi = true, PeerAssembly = "/nonexistent/agents-bench-genai.dll" };

        // Act
        var result = await RuntimeBenchmark.RunAsync(engine, options);

        // Assert
        Assert.Null(result.GenAi);
        Assert.Contains("not supported", result.GenAiSkipped, StringComparison.Ordinal);
        Assert.Equal(16, result.ImagePrompt.VisualTokens);
        Assert.Equal(0, result.TextPrompt.VisualTokens);
    }
}
