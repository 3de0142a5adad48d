using System;
using System.Collections.Generic;
using System.Linq;

namespace Agents.Bench;

/// <summary>Options for <see cref="EmbeddingThroughputBenchmark"/>. Validated by <see cref="Validate"/> when a run starts.</summary>
public sealed class EmbeddingBenchmarkOptions
{
    /// <summary>Gets or sets how many sentences each <c>GenerateAsync</c> call receives. Default 1 and 32.</summary>
    public IReadOnlyList<int> BatchSizes { get; set; } = [1, 32];

    /// <summary>Gets or sets how many timed passes over <see cref="Sentences"/> each batch size gets (the median is reported). Default 5.</summary>
    public int Repeats { get; set; } = 5;

    /// <summary>Gets or sets how many untimed passes each batch size gets first. Default 1.</summary>
    public int WarmupRepeats { get; set; } = 1;

    /// <summary>Gets or sets the sentences embedded in each pass. Default <see cref="EmbeddingBenchmarkSentences.Default"/> (64 sentences).</summary>
    public IReadOnlyList<string> Sentences { get; set; } = EmbeddingBenchmarkSentences.Default;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BatchSizes, nameof(BatchSizes));
        if (BatchSizes.Count == 0 || BatchSizes.Any(size => size <= 0))
        {
            throw new ArgumentException("BatchSizes must hold at least one size, each positive.", nameof(BatchSizes));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Repeats);
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupRepeats);
        ArgumentNullException.ThrowIfNull(Sentences, nameof(Sentences));
        if (Sentences.Count == 0 || Sentences.Any(sentence => sentence is null))
        {
            throw new ArgumentException("Sentences must hold at least one sentence and no null.", nameof(Sentences));
        }
    }
}
