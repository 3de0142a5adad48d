using System.Collections.Generic;

namespace Agents.Bench.GenAi;

/// <summary>One timed generation.</summary>
/// <param name="PrefillMs">Milliseconds from appending the prompt to having the first new token.</param>
/// <param name="DecodeMs">Milliseconds for the remaining new tokens.</param>
/// <param name="TokenIds">The new token ids.</param>
internal sealed record BenchRun(double PrefillMs, double DecodeMs, IReadOnlyList<int> TokenIds)
{
    /// <summary>Gets the total milliseconds of the run.</summary>
    public double TotalMs => PrefillMs + DecodeMs;

    /// <summary>Gets decode throughput over the tokens after the first, or <see langword="null"/> when there are none.</summary>
    public double? DecodeTokensPerSecond => TokenIds.Count > 1 && DecodeMs > 0 ? (TokenIds.Count - 1) * 1000.0 / DecodeMs : null;
}
