namespace Agents.Bench.Constrained;

/// <summary>What <see cref="MaskBenchmark.Run"/> measured.</summary>
/// <param name="MicrosecondsPerToken">Mean time of one <c>Mask</c> call, in microseconds.</param>
/// <param name="MedianMicroseconds">Median time of one <c>Mask</c> call, in microseconds.</param>
/// <param name="MaxMicroseconds">The slowest <c>Mask</c> call, in microseconds.</param>
/// <param name="Tokens">How many <c>Mask</c> calls were timed.</param>
/// <param name="Outputs">How many outputs were generated (each from a fresh constraint).</param>
/// <param name="CompletedOutputs">How many of those the constraint completed (or ended with end-of-sequence).</param>
public readonly record struct MaskBenchmarkResult(double MicrosecondsPerToken, double MedianMicroseconds, double MaxMicroseconds, int Tokens, int Outputs, int CompletedOutputs);
