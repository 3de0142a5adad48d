using System;
using System.Diagnostics;
using LocalModel.Generation;

namespace Agents.Bench.Constrained;

/// <summary>
/// Measures the per-token cost of a constraint's <see cref="ITokenConstraint.Mask(System.Span{float})"/> without a model: random logits
/// stand in for the model, the best allowed token is accepted, and fresh constraints are started until enough tokens
/// were timed. Only <c>Mask</c> is timed (the engine's sampling and decoder step are not).
/// </summary>
public static class MaskBenchmark
{
    /// <summary>Runs the measurement.</summary>
    /// <param name="createConstraint">Creates a fresh constraint (one output each).</param>
    /// <param name="vocabularySize">The logits length.</param>
    /// <param name="tokens">How many <c>Mask</c> calls to time.</param>
    /// <param name="maxTokensPerOutput">The longest output before a fresh constraint is started.</param>
    /// <param name="seed">The random seed of the stand-in logits.</param>
    public static MaskBenchmarkResult Run(Func<ITokenConstraint> createConstraint, int vocabularySize, int tokens, int maxTokensPerOutput, int seed)
    {
        // Untimed warm-up: builds the vocabulary index and lets the JIT reach optimised code.
        Measure(createConstraint, vocabularySize, Math.Min(tokens, 300), maxTokensPerOutput, seed + 1);
        return Measure(createConstraint, vocabularySize, tokens, maxTokensPerOutput, seed);
    }

    private static MaskBenchmarkResult Measure(Func<ITokenConstraint> createConstraint, int vocabularySize, int tokens, int maxTokensPerOutput, int seed)
    {
        var random = new Random(seed);
        var logits = new float[vocabularySize];
        var timed = 0;
        var outputs = 0;
        var completed = 0;
        var times = new long[tokens];
        while (timed < tokens)
        {
            var constraint = createConstraint();
            outputs++;
            for (var step = 0; step < maxTokensPerOutput && timed < tokens; step++)
            {
                for (var i = 0; i < logits.Length; i++)
                {
                    logits[i] = random.NextSingle();
                }

                var start = Stopwatch.GetTimestamp();
                constraint.Mask(logits);
                times[timed++] = Stopwatch.GetTimestamp() - start;
                var best = 0;
                for (var i = 1; i < logits.Length; i++)
                {
                    if (logits[i] > logits[best])
                    {
                        best = i;
                    }
                }

                constraint.Accept(best);
                if (constraint.IsComplete)
                {
                    completed++;
                    break;
                }
            }
        }

        var toMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        Array.Sort(times);
        long total = 0;
        foreach (var t in times)
        {
            total += t;
        }

        return new MaskBenchmarkResult(total * toMicroseconds / timed, times[timed / 2] * toMicroseconds, times[^1] * toMicroseconds, timed, outputs, completed);
    }
}
