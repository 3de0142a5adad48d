using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Agents.Bench.Runtime;

/// <summary>The interleaved rounds against the ONNX Runtime GenAI peer.</summary>
/// <param name="OursTokensPerSecond">Our median decode speed per round.</param>
/// <param name="GenAiTokensPerSecond">The peer's median decode speed per round.</param>
/// <param name="LastPeerReport">The peer's report of its last round.</param>
/// <param name="SameTokenIds">Whether both produced the same greedy token ids.</param>
public sealed record GenAiComparison(IReadOnlyList<double> OursTokensPerSecond, IReadOnlyList<double> GenAiTokensPerSecond, JsonObject LastPeerReport, bool SameTokenIds)
{
    /// <summary>Gets the median of our rounds over the median of the peer's.</summary>
    public double Ratio => BenchStatistics.Median(OursTokensPerSecond) / BenchStatistics.Median(GenAiTokensPerSecond);
}
