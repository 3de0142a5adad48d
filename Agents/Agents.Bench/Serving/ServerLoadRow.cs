using System.Collections.Generic;

namespace Agents.Bench.Serving;

/// <summary>One concurrency level of <see cref="ServerLoadTest"/>.</summary>
/// <param name="Clients">Clients sending at once.</param>
/// <param name="Requests">Requests sent in all.</param>
/// <param name="Errors">Requests that did not end in 200 with a complete answer (refusals, timeouts, broken connections).</param>
/// <param name="WallSeconds">From the first request's start to the last answer.</param>
/// <param name="P50Ms">Median latency of the successful requests (send to last byte), NaN when none succeeded.</param>
/// <param name="P99Ms">99th-percentile latency (nearest rank) of the successful requests, NaN when none succeeded.</param>
/// <param name="CompletionTokens">Completion tokens the successful answers reported in their usage.</param>
/// <param name="ErrorsByStatus">Errors by HTTP status (0: no response).</param>
public sealed record ServerLoadRow(int Clients, int Requests, int Errors, double WallSeconds, double P50Ms, double P99Ms, long CompletionTokens, IReadOnlyDictionary<int, int> ErrorsByStatus)
{
    /// <summary>Gets the successful requests per second.</summary>
    public double RequestsPerSecond => WallSeconds > 0 ? (Requests - Errors) / WallSeconds : 0;

    /// <summary>Gets the completion tokens per second over all clients.</summary>
    public double TokensPerSecond => WallSeconds > 0 ? CompletionTokens / WallSeconds : 0;
}
