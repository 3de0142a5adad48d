using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agents.Evaluation.Reporting;

/// <summary>
/// The sweep as JSON: <c>{"model", "visual_tokens_per_image", "methods", "budgets": [{"label", "percent", "kept"}],
/// "cells": [{"task", "metric", "method", "budget", "budget_percent", "tokens_kept", "tokens_total", "accuracy",
/// "n", "seconds", "ratio_to_full", "unavailable"}]}</c>; accuracy and ratio null where unavailable.
/// </summary>
public static class ModelSweepJson
{
    /// <summary>Returns the JSON document, indented, ending in a newline.</summary>
    public static string Render(ModelSweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var root = new JsonObject
        {
            ["model"] = result.Model,
            ["visual_tokens_per_image"] = result.VisualTokensPerImage,
            ["methods"] = new JsonArray([.. result.Methods.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["budgets"] = new JsonArray([.. result.Budgets.Select(b => (JsonNode?)new JsonObject { ["label"] = b.Label, ["percent"] = b.Percent, ["kept"] = b.Kept })]),
            ["cells"] = new JsonArray([.. result.Cells.Select(c => (JsonNode?)new JsonObject
            {
                ["task"] = c.Task,
                ["metric"] = c.Metric,
                ["method"] = c.Method,
                ["budget"] = c.Budget,
                ["budget_percent"] = c.BudgetPercent,
                ["tokens_kept"] = c.TokensKept,
                ["tokens_total"] = c.TokensTotal,
                ["accuracy"] = c.Accuracy,
                ["n"] = c.Count,
                ["seconds"] = c.Seconds,
                ["ratio_to_full"] = result.RatioToFull(c),
                ["unavailable"] = c.Unavailable,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
