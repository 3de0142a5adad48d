using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Plugins.Tools.Evaluation;

/// <summary>The result of one evaluation run: every outcome, the metrics overall, with an image and on low-overlap queries, and timing.</summary>
public sealed record ToolEvaluation
{
    /// <summary>The name of the subset of all queries.</summary>
    public const string AllSubset = "all";

    /// <summary>The name of the subset of queries with an image.</summary>
    public const string WithImageSubset = "with-image";

    /// <summary>The name of the subset of low-overlap queries (measured, see <see cref="Overlap.LexicalOverlap"/>).</summary>
    public const string LowOverlapSubset = "low-overlap";

    /// <summary>Gets the retriever's name.</summary>
    public required string Retriever { get; init; }

    /// <summary>Gets the data file evaluated (or a description of the data set).</summary>
    public required string DataFile { get; init; }

    /// <summary>Gets k.</summary>
    public required int TopK { get; init; }

    /// <summary>Gets the number of tools in the catalogue.</summary>
    public required int ToolCount { get; init; }

    /// <summary>Gets every outcome, in file order.</summary>
    public required IReadOnlyList<ToolQueryOutcome> Outcomes { get; init; }

    /// <summary>Gets the metrics over all queries.</summary>
    public ToolMetrics Overall => ToolMetrics.Of(AllSubset, Outcomes.ToArray());

    /// <summary>Gets the metrics over queries with an image.</summary>
    public ToolMetrics WithImage => ToolMetrics.Of(WithImageSubset, Outcomes.Where(o => o.HasImage).ToArray());

    /// <summary>Gets the metrics over low-overlap queries.</summary>
    public ToolMetrics LowOverlap => ToolMetrics.Of(LowOverlapSubset, Outcomes.Where(o => o.IsLowOverlap).ToArray());

    /// <summary>Gets the three subsets: all, with-image, low-overlap.</summary>
    public IReadOnlyList<ToolMetrics> Subsets => [Overall, WithImage, LowOverlap];

    /// <summary>Gets the mean retrieval time per query in milliseconds (the warm-up query excluded).</summary>
    public double MeanMilliseconds => Outcomes.Count == 0 ? 0 : Outcomes.Average(o => o.Milliseconds);

    /// <summary>Gets the median retrieval time per query in milliseconds.</summary>
    public double MedianMilliseconds
    {
        get
        {
            if (Outcomes.Count == 0)
            {
                return 0;
            }

            var sorted = Outcomes.Select(o => o.Milliseconds).Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>Gets the queries whose first tool is not acceptable.</summary>
    public IReadOnlyList<ToolQueryOutcome> Misses => [.. Outcomes.Where(o => !o.Top1Correct)];

    /// <summary>Returns the evaluation as indented JSON: the metrics per subset, timing, the misses and (unless <paramref name="includeOutcomes"/> is false) every outcome.</summary>
    /// <param name="includeOutcomes">Whether to list every query's outcome.</param>
    public string ToJson(bool includeOutcomes = true) =>
        ToJsonNode(includeOutcomes).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Returns the evaluation as a JSON object (see <see cref="ToJson"/>).</summary>
    /// <param name="includeOutcomes">Whether to list every query's outcome.</param>
    public JsonObject ToJsonNode(bool includeOutcomes = true)
    {
        var subsets = new JsonObject();
        foreach (var s in Subsets)
        {
            subsets[s.Subset] = new JsonObject
            {
                ["count"] = s.Count,
                ["top1"] = Math.Round(s.Top1, 4),
                ["hit_at_k"] = Math.Round(s.HitAtK, 4),
                ["recall_at_k"] = Math.Round(s.RecallAtK, 4),
            };
        }

        var root = new JsonObject
        {
            ["retriever"] = Retriever,
            ["data"] = DataFile,
            ["top_k"] = TopK,
            ["tools"] = ToolCount,
            ["count"] = Outcomes.Count,
            ["subsets"] = subsets,
            ["mean_ms"] = Math.Round(MeanMilliseconds, 3),
            ["median_ms"] = Math.Round(MedianMilliseconds, 3),
            ["misses"] = new JsonArray([.. Misses.Select(Entry)]),
        };
        if (includeOutcomes)
        {
            root["queries"] = new JsonArray([.. Outcomes.Select(Entry)]);
        }

        return root;
    }

    private static JsonObject Entry(ToolQueryOutcome o) => new()
    {
        ["id"] = o.Id,
        ["instruction"] = o.Instruction,
        ["kind"] = o.Kind,
        ["image"] = o.HasImage,
        ["low_overlap"] = o.IsLowOverlap,
        ["shared_stems"] = o.SharedStems,
        ["acceptable"] = new JsonArray([.. o.Acceptable.Select(a => (JsonNode)a)]),
        ["got"] = new JsonArray([.. o.Got.Select(g => (JsonNode)g)]),
        ["top1"] = o.Top1Correct,
        ["hit"] = o.Hit,
        ["recall"] = Math.Round(o.Recall, 4),
        ["ms"] = Math.Round(o.Milliseconds, 3),
    };
}
