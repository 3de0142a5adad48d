using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Agents.Bench.Pruning;

/// <summary>What <see cref="PruningBenchmark"/> measured.</summary>
/// <param name="Rows">The full budget first, then one row per method and budget.</param>
/// <param name="Skipped">Points the engine refused, each with the reason.</param>
/// <param name="VisualTokensPerImage">
/// The visual tokens of the benchmark's image: the package's fixed count, or for a dynamic-resolution package the count
/// the image gave in the full-budget run (its manifest holds only the maximum).
/// </param>
/// <param name="PeakWorkingSetBytes">The process's peak working set.</param>
public sealed record PruningBenchmarkResult(IReadOnlyList<PruningBenchmarkRow> Rows, IReadOnlyList<string> Skipped, int VisualTokensPerImage, long PeakWorkingSetBytes)
{
    /// <summary>Gets the default methods left out because the package lacks the attention they rank by (<see cref="PruningBenchmark.DefaultMethodsLeftOut"/>). Default empty.</summary>
    public IReadOnlyList<string> DefaultMethodsLeftOut { get; init; } = Array.Empty<string>();

    /// <summary>Returns the report as JSON (the format of <c>agents bench pruning --json</c>; <c>default_methods_left_out</c> only when some were).</summary>
    public JsonObject ToJson(string model, string executionProvider, int repeats)
    {
        var report = Report(model, executionProvider, repeats);
        if (DefaultMethodsLeftOut.Count > 0)
        {
            report["default_methods_left_out"] = new JsonArray(DefaultMethodsLeftOut.Select(m => (JsonNode?)m).ToArray());
        }

        return report;
    }

    private JsonObject Report(string model, string executionProvider, int repeats) => new()
    {
        ["model"] = model,
        ["execution_provider"] = executionProvider,
        ["visual_tokens_per_image"] = VisualTokensPerImage,
        ["repeats"] = repeats,
        ["peak_working_set_mb"] = Math.Round(PeakWorkingSetBytes / 1048576.0, 1),
        ["rows"] = new JsonArray(Rows.Select(r => (JsonNode)new JsonObject
        {
            ["method"] = r.Method,
            ["budget"] = r.Budget,
            ["visual_tokens_kept"] = r.Point.Kept,
            ["visual_tokens_total"] = r.Point.Total,
            ["prompt_tokens"] = r.Point.PromptTokens,
            ["prefill_ms_median"] = Math.Round(r.Point.PrefillMs, 3),
            ["ttft_ms_median"] = Math.Round(r.Point.TtftMs, 3),
            ["selector_ms_median"] = Math.Round(r.Point.SelectorMs, 4),
            ["prefill_ratio"] = Math.Round(r.PrefillRatio, 4),
            ["ttft_ratio"] = Math.Round(r.TtftRatio, 4),
            ["baseline_prefill_ms_median"] = Math.Round(r.Baseline.PrefillMs, 3),
            ["theoretical_ratio"] = Math.Round(r.Theoretical, 4),
            ["working_set_mb"] = Math.Round(r.Point.WorkingSetMb, 1),
        }).ToArray()),
    };
}
