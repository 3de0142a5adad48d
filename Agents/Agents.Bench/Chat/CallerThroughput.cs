namespace Agents.Bench.Chat;

/// <summary>Throughput with a number of concurrent callers, batched and (when measured) with batching off, medians over the rounds.</summary>
/// <param name="Callers">How many callers generated at once.</param>
/// <param name="TokensPerSecond">Tokens generated per second over all callers, with continuous batching.</param>
/// <param name="WallMs">Wall time until the last caller finished, with continuous batching.</param>
/// <param name="RatioToOneCaller">Tokens per second over the one-caller figure of the same run.</param>
/// <param name="UnbatchedTokensPerSecond">The same work on an engine that decodes every request alone (<c>MaxBatchSize = 1</c>), or null.</param>
public sealed record CallerThroughput(int Callers, double TokensPerSecond, double WallMs, double RatioToOneCaller, double? UnbatchedTokensPerSecond)
{
    /// <summary>Gets batched over unbatched tokens per second, or null when unbatched was not measured.</summary>
    public double? BatchingSpeedup => UnbatchedTokensPerSecond is { } u && u > 0 ? TokensPerSecond / u : null;
}
