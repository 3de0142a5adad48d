using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LocalModel.Generation;

namespace Agents.Bench.Runtime;

/// <summary>Medians over the timed runs of one workload.</summary>
/// <param name="PromptTokens">Prompt tokens per run.</param>
/// <param name="VisualTokens">Visual tokens per run.</param>
/// <param name="PrefillMs">Median prefill time.</param>
/// <param name="TtftMs">Median time to first token.</param>
/// <param name="DecodeTokensPerSecond">Median decode speed.</param>
/// <param name="DecodeOverhead">Median share of decode time spent outside ONNX Runtime.</param>
/// <param name="TotalOverhead">Median share of wall time spent outside ONNX Runtime.</param>
public sealed record WorkloadSummary(int PromptTokens, int VisualTokens, double PrefillMs, double TtftMs, double DecodeTokensPerSecond, double DecodeOverhead, double TotalOverhead)
{
    /// <summary>Summarises <paramref name="runs"/> (at least one).</summary>
    public static WorkloadSummary Of(IReadOnlyList<GenerationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new WorkloadSummary(
            runs[0].Usage.PromptTokens,
            runs[0].Usage.VisualTokensKept,
            BenchStatistics.Median(runs.Select(r => r.Timings.PrefillMs)),
            BenchStatistics.Median(runs.Select(r => r.Timings.TimeToFirstTokenMs)),
            BenchStatistics.Median(runs.Select(r => r.Timings.DecodeTokensPerSecond)),
            BenchStatistics.Median(runs.Select(r => r.Timings.DecodeMs > 0 ? 1 - (r.Timings.DecodeOnnxRuntimeMs / r.Timings.DecodeMs) : 0)),
            BenchStatistics.Median(runs.Select(r => 1 - (r.Timings.OnnxRuntimeMs / r.Timings.WallMs))));
    }

    /// <summary>Returns the summary as JSON (keys of <c>agents bench runtime --json</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["visual_tokens"] = VisualTokens,
        ["prefill_ms_median"] = Math.Round(PrefillMs, 3),
        ["ttft_ms_median"] = Math.Round(TtftMs, 3),
        ["decode_tokens_per_s_median"] = Math.Round(DecodeTokensPerSecond, 1),
        ["engine_overhead_decode_median"] = Math.Round(DecodeOverhead, 4),
        ["engine_overhead_total_median"] = Math.Round(TotalOverhead, 4),
    };
}
