using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;
using LocalModel.Runtime;
using Xunit.Abstractions;

namespace Agents.Bench.Tests;

public sealed class EmbeddingThroughputBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_FakeGenerator_CallsInBatchesAndReportsRowsInOrder()
    {
        // Arrange
        using var generator = new FakeEmbeddingGenerator();
        var options = new EmbeddingBenchmarkOptions { BatchSizes = [32, 1], Repeats = 3, WarmupRepeats = 1, Sentences = Enumerable.Range(0, 40).Select(i => $"s{i}").ToArray() };
        var reports = new List<EmbeddingBenchmarkProgress>();

        // Act
        var result = await EmbeddingThroughputBenchmark.RunAsync(generator, options, new SynchronousProgress(reports.Add));

        // Assert
        Assert.Equal("Fake", result.Provider);
        Assert.Equal("fake-model", result.ModelId);
        Assert.Equal([32, 1], result.Rows.Select(r => r.BatchSize));
        Assert.All(result.Rows, row => Assert.True(row.SentencesPerSecond > 0 && row.SlowestSentencesPerSecond <= row.SentencesPerSecond && row.SentencesPerSecond <= row.FastestSentencesPerSecond));
        Assert.Equal(4 * (2 + 40), generator.CallSizes.Count);
        Assert.Equal(4 * ((32 + 8) + 40), generator.CallSizes.Sum());
        Assert.Equal(8, reports.Count);
        Assert.Equal(2, reports.Count(r => r.Warmup));
    }

    [Fact]
    public async Task RunAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var generator = new FakeEmbeddingGenerator();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddingThroughputBenchmark.RunAsync(generator, new EmbeddingBenchmarkOptions(), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData(nameof(EmbeddingBenchmarkOptions.BatchSizes))]
    [InlineData(nameof(EmbeddingBenchmarkOptions.Repeats))]
    [InlineData(nameof(EmbeddingBenchmarkOptions.WarmupRepeats))]
    [InlineData(nameof(EmbeddingBenchmarkOptions.Sentences))]
    public void Validate_InvalidOption_ThrowsNamingIt(string option)
    {
        // Arrange
        var options = option switch
        {
            nameof(EmbeddingBenchmarkOptions.BatchSizes) => new EmbeddingBenchmarkOptions { BatchSizes = [1, 0] },
            nameof(EmbeddingBenchmarkOptions.Repeats) => new EmbeddingBenchmarkOptions { Repeats = 0 },
            nameof(EmbeddingBenchmarkOptions.WarmupRepeats) => new EmbeddingBenchmarkOptions { WarmupRepeats = -1 },
            _ => new EmbeddingBenchmarkOptions { Sentences = [] },
        };

        // Act
        var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);

        // Assert
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void ToTable_Result_HasTitleHeaderAndOneLinePerRow()
    {
        var result = new EmbeddingBenchmarkResult("LocalModel", "all-MiniLM-L6-v2", [new EmbeddingThroughputRow(1, 64, 5, 640, 100, 90, 110), new EmbeddingThroughputRow(32, 64, 5, 64, 1000, 900, 1100)]);
        var lines = result.ToTable().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("all-MiniLM-L6-v2", lines[0], StringComparison.Ordinal);
        Assert.Contains("1000.0", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MiniLmOnCpu_MeasuresBatch1AndBatch32InOneRun()
    {
        // Arrange
        using var generator = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

        // Act
        var result = await EmbeddingThroughputBenchmark.RunAsync(generator, new EmbeddingBenchmarkOptions { Repeats = 5, WarmupRepeats = 1 });

        // Assert
        output.WriteLine(result.ToTable());
        Assert.Equal([1, 32], result.Rows.Select(r => r.BatchSize));
        Assert.All(result.Rows, row => Assert.True(row.SentencesPerSecond > 0));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<EmbeddingBenchmarkProgress> report) : IProgress<EmbeddingBenchmarkProgress>
    {
        public void Report(EmbeddingBenchmarkProgress value) => report(value);
    }
}
