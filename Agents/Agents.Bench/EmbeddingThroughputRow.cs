namespace Agents.Bench;

/// <summary>Throughput at one batch size.</summary>
/// <param name="BatchSize">Sentences per <c>GenerateAsync</c> call.</param>
/// <param name="Sentences">Sentences per pass.</param>
/// <param name="Repeats">Timed passes.</param>
/// <param name="MedianPassMilliseconds">Median wall time of a pass.</param>
/// <param name="SentencesPerSecond">Sentences per second of the median pass.</param>
/// <param name="SlowestSentencesPerSecond">Sentences per second of the slowest pass.</param>
/// <param name="FastestSentencesPerSecond">Sentences per second of the fastest pass.</param>
public sealed record EmbeddingThroughputRow(
    int BatchSize,
    int Sentences,
    int Repeats,
    double MedianPassMilliseconds,
    double SentencesPerSecond,
    double SlowestSentencesPerSecond,
    double FastestSentencesPerSecond);
