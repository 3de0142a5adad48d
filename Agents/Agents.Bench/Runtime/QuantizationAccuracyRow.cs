using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Agents.Bench.Runtime;

/// <summary>How closely one package follows the reference package (<see cref="QuantizationAccuracy"/>).</summary>
/// <param name="Package">The package folder.</param>
/// <param name="Label">Weight type and decoder flavour.</param>
/// <param name="Top1AgreementByPosition">For each generated position, the share of prompts whose argmax equals the reference's (teacher-forced on the reference's greedy continuation).</param>
/// <param name="MeanKl">Mean KL(reference || package) of the next-token distributions, in nats, over every prompt and position.</param>
/// <param name="MaxKl">The largest KL over every prompt and position.</param>
/// <param name="FreeRunMatchingPrefix">Mean number of leading tokens the package's own greedy run shares with the reference's.</param>
public sealed record QuantizationAccuracyRow(string Package, string Label, IReadOnlyList<double> Top1AgreementByPosition, double MeanKl, double MaxKl, double FreeRunMatchingPrefix)
{
    /// <summary>Gets the top-1 agreement over every prompt and position.</summary>
    public double Top1Agreement => Top1AgreementByPosition.Average();

    /// <summary>Returns the row as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["package"] = Package,
        ["label"] = Label,
        ["top1_agreement"] = Math.Round(Top1Agreement, 4),
        ["top1_agreement_by_position"] = new JsonArray(Top1AgreementByPosition.Select(a => (JsonNode)Math.Round(a, 4)).ToArray()),
        ["kl_mean_nats"] = Math.Round(MeanKl, 6),
        ["kl_max_nats"] = Math.Round(MaxKl, 6),
        ["free_run_matching_prefix_tokens"] = Math.Round(FreeRunMatchingPrefix, 2),
    };
}
