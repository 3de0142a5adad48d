using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace Agents.Bench.Runtime;

/// <summary>What <see cref="RuntimeBenchmark"/> measured.</summary>
/// <param name="ImagePrompt">The image+text workload.</param>
/// <param name="TextPrompt">The text-only workload (the peer's work).</param>
/// <param name="TextPromptTokens">Tokens of the text-only prompt.</param>
/// <param name="ManagedBytesPerDecodeToken">Managed bytes allocated per decode token once warm.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set.</param>
/// <param name="GenAi">The comparison with the GenAI peer, or null when it was not run.</param>
/// <param name="GenAiSkipped">Why the comparison was asked for but skipped, or null.</param>
public sealed record RuntimeBenchmarkResult(WorkloadSummary ImagePrompt, WorkloadSummary TextPrompt, int TextPromptTokens, double ManagedBytesPerDecodeToken, long PeakWorkingSetBytes, GenAiComparison? GenAi, string? GenAiSkipped)
{
    /// <summary>Returns the report as JSON (the format of <c>agents bench runtime --json</c>).</summary>
    public JsonObject ToJson(string model, string executionProvider, RuntimeBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new JsonObject
        {
            ["model"] = model,
            ["execution_provider"] = executionProvider,
            ["intra_op_threads"] = options.Threads,
            ["new_tokens"] = options.MaxTokens,
            ["repeats"] = options.Repeats,
            ["machine"] = $"{Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}",
            ["image_prompt"] = ImagePrompt.ToJson(),
            ["text_prompt"] = TextPrompt.ToJson(),
            ["managed_bytes_per_decode_token"] = Math.Round(ManagedBytesPerDecodeToken, 1),
            ["peak_working_set_mb"] = Math.Round(PeakWorkingSetBytes / 1048576.0, 1),
        };
        if (GenAiSkipped is not null)
        {
            report["genai_peer"] = new JsonObject { ["skipped"] = GenAiSkipped };
        }

        if (GenAi is null)
        {
            return report;
        }

        report["genai_peer"] = GenAi.LastPeerReport.DeepClone();
        report["decode_tokens_per_s_ours_rounds"] = new JsonArray(GenAi.OursTokensPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
        report["decode_tokens_per_s_genai_rounds"] = new JsonArray(GenAi.GenAiTokensPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
        report["decode_ratio_ours_over_genai"] = Math.Round(GenAi.Ratio, 3);
        report["same_token_ids_as_genai"] = GenAi.SameTokenIds;
        return report;
    }
}
