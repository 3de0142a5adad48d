using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Agents.Bench.Runtime;

/// <summary>One package of a <see cref="DTypeComparison"/>: medians over the interleaved rounds.</summary>
/// <param name="Package">The package folder.</param>
/// <param name="Label">Weight type and decoder flavour, e.g. <c>int4 (block 32) fused</c>.</param>
/// <param name="PackageBytes">Bytes of the package's files, the <c>genai/</c> peer decoder excluded.</param>
/// <param name="DecodeTokensPerSecond">Median over rounds of each round's median text-only decode speed.</param>
/// <param name="TextPrefillMs">Median prefill of the text-only prompt.</param>
/// <param name="ImagePrefillMs">Median prefill of the image+text prompt (every visual token kept).</param>
/// <param name="PeakWorkingSetBytes">Peak working set of a process that loaded only this package and ran one image and one text prompt, or null when not measured.</param>
/// <param name="DecodeRounds">Each round's median decode speed.</param>
/// <param name="GenAiRounds">GenAI's median decode speed in each round (empty without the peer).</param>
/// <param name="GenAiDecodeTokensPerSecond">ONNX Runtime GenAI's median decode speed on the package's <c>genai/</c> decoder, or null.</param>
/// <param name="SameTokenIdsAsGenAi">Whether GenAI produced the same greedy ids, or null without the peer.</param>
public sealed record DTypeComparisonRow(
    string Package,
    string Label,
    long PackageBytes,
    double DecodeTokensPerSecond,
    double TextPrefillMs,
    double ImagePrefillMs,
    long? PeakWorkingSetBytes,
    IReadOnlyList<double> DecodeRounds,
    IReadOnlyList<double> GenAiRounds,
    double? GenAiDecodeTokensPerSecond,
    bool? SameTokenIdsAsGenAi)
{
    /// <summary>Gets our decode speed over GenAI's on the same graph (median over all rounds of each), or null without the peer.</summary>
    public double? RatioOverGenAi => GenAiDecodeTokensPerSecond is { } g && g > 0 ? DecodeTokensPerSecond / g : null;

    /// <summary>Gets the ratio of each round (ours, then GenAI, back to back), which machine-speed drift between rounds does not move.</summary>
    public IReadOnlyList<double> RatioOverGenAiByRound => GenAiRounds.Select((g, i) => DecodeRounds[i] / g).ToArray();

    /// <summary>Returns the row as JSON.</summary>
    public JsonObject ToJson(DTypeComparisonRow baseline) => new()
    {
        ["package"] = Package,
        ["label"] = Label,
        ["package_mb"] = Math.Round(PackageBytes / 1048576.0, 1),
        ["size_over_baseline"] = Math.Round(PackageBytes / (double)baseline.PackageBytes, 3),
        ["decode_tokens_per_s"] = Math.Round(DecodeTokensPerSecond, 2),
        ["decode_speedup_over_baseline"] = Math.Round(DecodeTokensPerSecond / baseline.DecodeTokensPerSecond, 3),
        ["decode_tokens_per_s_rounds"] = new JsonArray(DecodeRounds.Select(r => (JsonNode)Math.Round(r, 2)).ToArray()),
        ["text_prefill_ms"] = Math.Round(TextPrefillMs, 1),
        ["image_prefill_ms"] = Math.Round(ImagePrefillMs, 1),
        ["peak_working_set_mb"] = PeakWorkingSetBytes is { } w ? Math.Round(w / 1048576.0, 1) : null,
        ["genai_decode_tokens_per_s"] = GenAiDecodeTokensPerSecond is { } g ? Math.Round(g, 2) : null,
        ["ours_over_genai"] = RatioOverGenAi is { } r ? Math.Round(r, 3) : null,
        ["genai_decode_tokens_per_s_rounds"] = new JsonArray(GenAiRounds.Select(g => (JsonNode)Math.Round(g, 2)).ToArray()),
        ["ours_over_genai_by_round"] = new JsonArray(RatioOverGenAiByRound.Select(g => (JsonNode)Math.Round(g, 3)).ToArray()),
        ["same_token_ids_as_genai"] = SameTokenIdsAsGenAi,
    };
}
