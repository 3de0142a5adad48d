using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plugins.Gui.Evaluation.Data;

namespace Plugins.Gui.Evaluation;

/// <summary>The result of one evaluation run: every outcome, and accuracy and timing per split and overall.</summary>
public sealed record GroundingEvaluation
{
    /// <summary>The grounder's name.</summary>
    public required string Grounder { get; init; }

    /// <summary>The data file evaluated.</summary>
    public required string DataFile { get; init; }

    /// <summary><c>page-tasks</c> or <c>screenspot</c>.</summary>
    public required string DataKind { get; init; }

    /// <summary>Every outcome, in file order.</summary>
    public required IReadOnlyList<GroundingOutcome> Outcomes { get; init; }

    /// <summary>All outcomes together.</summary>
    public GroundingSplitSummary Overall => GroundingSplitSummary.Of(GroundingSplitSummary.All, [.. Outcomes]);

    /// <summary>The text and icon splits, in that order (a split without records has Count 0).</summary>
    public IReadOnlyList<GroundingSplitSummary> Splits =>
        [GroundingSplitSummary.Of(GroundingSplit.Text, [.. Outcomes.Where(o => o.Split == GroundingSplit.Text)]), GroundingSplitSummary.Of(GroundingSplit.Icon, [.. Outcomes.Where(o => o.Split == GroundingSplit.Icon)])];

    /// <summary>The evaluation as indented JSON: summaries per split and overall, and (unless <paramref name="includeOutcomes"/> is false) one entry per record.</summary>
    public string ToJson(bool includeOutcomes = true)
    {
        var splits = new JsonObject();
        foreach (var s in Splits.Append(Overall))
        {
            splits[s.Split] = Summary(s);
        }

        var root = new JsonObject
        {
            ["grounder"] = Grounder,
            ["data"] = DataFile,
            ["data_kind"] = DataKind,
            ["count"] = Overall.Count,
            ["accuracy"] = Math.Round(Overall.Accuracy, 4),
            ["misses"] = Overall.Misses,
            ["mean_ms"] = Math.Round(Overall.MeanMilliseconds, 2),
            ["median_ms"] = Math.Round(Overall.MedianMilliseconds, 2),
            ["splits"] = splits,
        };
        if (includeOutcomes)
        {
            var tasks = new JsonArray();
            foreach (var o in Outcomes)
            {
                tasks.Add(new JsonObject
                {
                    ["id"] = o.Id,
                    ["split"] = o.Split,
                    ["instruction"] = o.Instruction,
                    ["source"] = o.Source,
                    ["target"] = new JsonArray(Round(o.Target.X), Round(o.Target.Y), Round(o.Target.Width), Round(o.Target.Height)),
                    ["point"] = o.Point is { } p ? new JsonArray(Round(p.X), Round(p.Y)) : null,
                    ["correct"] = o.Correct,
                    ["miss"] = o.Miss,
                    ["confidence"] = Math.Round(o.Confidence, 3),
                    ["ms"] = Math.Round(o.Milliseconds, 2),
                    ["reason"] = o.Reason,
                    ["raw_answer"] = o.RawAnswer,
                });
            }

            root["tasks"] = tasks;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonObject Summary(GroundingSplitSummary s) => new()
    {
        ["count"] = s.Count,
        ["correct"] = s.Correct,
        ["accuracy"] = Math.Round(s.Accuracy, 4),
        ["misses"] = s.Misses,
        ["mean_ms"] = Math.Round(s.MeanMilliseconds, 2),
        ["median_ms"] = Math.Round(s.MedianMilliseconds, 2),
    };

    private static double Round(double value) => Math.Round(value, 1);
}
