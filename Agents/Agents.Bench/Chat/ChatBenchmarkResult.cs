using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Agents.Bench.Chat;

/// <summary>What <see cref="ChatBenchmark"/> measured: median decode time per token with and without masks, and throughput per caller count.</summary>
/// <param name="FreeMsPerToken">Median decode ms per token without a constraint.</param>
/// <param name="ToolCallMsPerToken">Median decode ms per token under the tool-call mask.</param>
/// <param name="JsonSchemaMsPerToken">Median decode ms per token under the JSON-schema mask.</param>
/// <param name="Throughput">Throughput with 1, 4 and 16 concurrent callers (batched, ratio to one caller, unbatched).</param>
public sealed record ChatBenchmarkResult(double FreeMsPerToken, double ToolCallMsPerToken, double JsonSchemaMsPerToken, IReadOnlyList<CallerThroughput> Throughput)
{
    /// <summary>Gets the tool-call mask's added time per token, as a fraction of free decoding.</summary>
    public double ToolCallOverhead => (ToolCallMsPerToken / FreeMsPerToken) - 1;

    /// <summary>Gets the JSON-schema mask's added time per token, as a fraction of free decoding.</summary>
    public double JsonSchemaOverhead => (JsonSchemaMsPerToken / FreeMsPerToken) - 1;

    /// <summary>Returns the report as JSON (the format of <c>agents bench chat --json</c>).</summary>
    public JsonObject ToJson(string model, string executionProvider)
    {
        var byCallers = new JsonObject();
        var ratios = new JsonObject();
        var unbatched = new JsonObject();
        foreach (var t in Throughput)
        {
            var key = t.Callers.ToString(CultureInfo.InvariantCulture);
            byCallers[key] = Math.Round(t.TokensPerSecond, 1);
            ratios[key] = Math.Round(t.RatioToOneCaller, 3);
            if (t.UnbatchedTokensPerSecond is { } u)
            {
                unbatched[key] = Math.Round(u, 1);
            }
        }

        return new JsonObject
        {
            ["model"] = model,
            ["execution_provider"] = executionProvider,
            ["free_ms_per_token"] = Math.Round(FreeMsPerToken, 4),
            ["tool_call_ms_per_token"] = Math.Round(ToolCallMsPerToken, 4),
            ["json_schema_ms_per_token"] = Math.Round(JsonSchemaMsPerToken, 4),
            ["tool_call_overhead"] = Math.Round(ToolCallOverhead, 4),
            ["json_schema_overhead"] = Math.Round(JsonSchemaOverhead, 4),
            ["throughput_tokens_per_s_by_callers"] = byCallers,
            ["throughput_ratio_to_one_caller"] = ratios,
            ["unbatched_throughput_tokens_per_s_by_callers"] = unbatched,
        };
    }
}
