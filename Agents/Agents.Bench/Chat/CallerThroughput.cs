namespace Agents.Bench.Chat;

/// <summary>Throughput with a number of concurrent callers.</summary>
/// <param name="Callers">How many callers generated at once.</param>
/// <param name="TokensPerSecond">Tokens generated per second over all callers.</param>
/// <param name="WallMs">Wall time until the last caller finished.</param>
public sealed record CallerThroughput(int Callers, double TokensPerSecond, double WallMs);
