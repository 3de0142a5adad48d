using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Bench;

/// <summary>
/// Measures sentences per second of an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> at several batch sizes
/// (sentences per <c>GenerateAsync</c> call) in one run: warm-up passes first, then the timed passes of all batch
/// sizes interleaved, so drift in machine load affects each alike; the median pass is reported.
/// </summary>
public static class EmbeddingThroughputBenchmark
{
    /// <summary>Runs the benchmark. The generator is used, not disposed.</summary>
    /// <param name="generator">The generator to measure.</param>
    /// <param name="options">Batch sizes, repeats and sentences; validated.</param>
    /// <param name="progress">Hears each pass; optional.</param>
    /// <param name="cancellationToken">Stops between calls.</param>
    /// <exception cref="InvalidOperationException">The generator returned a different number of embeddings than sentences.</exception>
    public static async Task<EmbeddingBenchmarkResult> RunAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator,
        EmbeddingBenchmarkOptions options,
        IProgress<EmbeddingBenchmarkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sentences = options.Sentences.ToArray();
        var batchSizes = options.BatchSizes.ToArray();
        var passes = options.WarmupRepeats + options.Repeats;

        for (var warmup = 1; warmup <= options.WarmupRepeats; warmup++)
        {
            foreach (var batchSize in batchSizes)
            {
                await RunPassAsync(generator, sentences, batchSize, cancellationToken).ConfigureAwait(false);
                progress?.Report(new EmbeddingBenchmarkProgress(batchSize, warmup, passes, Warmup: true));
            }
        }

        var seconds = batchSizes.Select(_ => new List<double>(options.Repeats)).ToArray();
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            for (var b = 0; b < batchSizes.Length; b++)
            {
                seconds[b].Add(await RunPassAsync(generator, sentences, batchSizes[b], cancellationToken).ConfigureAwait(false));
                progress?.Report(new EmbeddingBenchmarkProgress(batchSizes[b], options.WarmupRepeats + repeat, passes, Warmup: false));
            }
        }

        var rows = batchSizes.Select((batchSize, b) =>
        {
            var median = Median(seconds[b]);
            return new EmbeddingThroughputRow(
                batchSize,
                sentences.Length,
                options.Repeats,
                median * 1000,
                sentences.Length / median,
                sentences.Length / seconds[b].Max(),
                sentences.Length / seconds[b].Min());
        }).ToArray();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return new EmbeddingBenchmarkResult(metadata?.ProviderName ?? generator.GetType().Name, metadata?.DefaultModelId, rows);
    }

    private static async Task<double> RunPassAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string[] sentences, int batchSize, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < sentences.Length; start += batchSize)
        {
            var batch = sentences[start..Math.Min(start + batchSize, sentences.Length)];
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != batch.Length)
            {
                throw new InvalidOperationException($"The generator returned {embeddings.Count} embeddings for {batch.Length} sentences.");
            }
        }

        // Guard against a clock too coarse for a trivially fast generator.
        return Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
