using System;
using Agents.Bench.Chat;
using Agents.Bench.Pruning;
using Agents.Bench.Runtime;

namespace Agents.Cli.Tests.Bench;

/// <summary>The benchmark options' documented defaults and range checks.</summary>
public class BenchmarkOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var chat = new ChatBenchmarkOptions();
        var pruning = new PruningBenchmarkOptions();
        var runtime = new RuntimeBenchmarkOptions();

        Assert.Equal((48, 9), (chat.MaxTokens, chat.Repeats));
        Assert.Equal((7, 2), (pruning.Repeats, pruning.Warmup));
        Assert.Equal((64, 15, 3, 1), (runtime.MaxTokens, runtime.Repeats, runtime.Warmup, runtime.Threads));
        Assert.False(runtime.CompareWithGenAi);
    }

    [Fact]
    public void Setters_BelowTheMinimum_ThrowNamingTheProperty()
    {
        var chat = Assert.Throws<ArgumentOutOfRangeException>(() => new ChatBenchmarkOptions { MaxTokens = 3 });
        var runtime = Assert.Throws<ArgumentOutOfRangeException>(() => new RuntimeBenchmarkOptions { Warmup = -1 });

        Assert.Equal("MaxTokens", chat.ParamName);
        Assert.Equal("Warmup", runtime.ParamName);
    }
}
