using System;
using System.Collections.Generic;
using System.Linq;
using LocalModel.Packaging;
using LocalModel.Pruning;
using LocalModel.Pruning.InLlm;

namespace LocalModel.Generation;

/// <summary>
/// Applies <see cref="PruningOptions"/> to a <see cref="GenerationRequest"/>: a pre-LLM selector with its per-image
/// budget, or an in-LLM plan (<c>fastv</c>, <c>pyramiddrop</c>) for packages with staged decoder graphs. The one place
/// the CLI, the chat client and the benchmarks turn a method name into engine settings.
/// </summary>
public static class PruningSetup
{
    /// <summary>
    /// The pre-LLM method a budget alone (no method named) means on the package described by <paramref name="manifest"/>:
    /// <c>fastervlm</c> when the vision graph outputs [CLS] attention, else <c>visionzip</c> (it ranks by the received
    /// attention Qwen2.5-VL packages output, and falls back to feature diversity nowhere: it needs one of the two).
    /// </summary>
    public static string DefaultMethod(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Vision.ClsAttentionLayers.Count > 0 ? "fastervlm" : "visionzip";
    }

    /// <summary>Configures <paramref name="request"/> for <paramref name="options"/> on the package described by <paramref name="manifest"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The method is unknown, a [CLS]-attention method is asked of a package without [CLS] attention outputs (the
    /// message lists the methods that apply), or an in-LLM method does not fit the package.
    /// </exception>
    public static void Apply(GenerationRequest request, ModelManifest manifest, PruningOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var method = options.Method.Trim().ToLowerInvariant();
        if (!VisualTokenSelectors.IsInLlmMethod(method) && MissingClsAttention(method, manifest) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        request.KeepOriginalPositions = options.KeepOriginalPositions;
        if (!VisualTokenSelectors.IsInLlmMethod(method))
        {
            request.VisualTokenSelector = method == "none" ? null : VisualTokenSelectors.Create(options);
            request.VisualTokenBudget = options.Budget;
            request.LlmPruning = null;
            return;
        }

        var boundaries = manifest.Text.StageBoundaries;
        if (boundaries.Count == 0)
        {
            throw new ArgumentException($"'{method}' prunes inside the language model and needs a package with staged decoder graphs; the package has none.");
        }

        // A count budget is read against one image's visual tokens, which a dynamic-resolution package does not fix.
        if (options.Budget?.Count is { } count && manifest.Preprocessing.IsDynamicResolution)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{method}' takes its budget as a fraction of each image's visual tokens; on this dynamic-resolution package (family '{manifest.Family}') an image's token count depends on its size, so give a fraction or percentage (e.g. 25%) instead of {count} tokens."));
        }

        var keep = options.Budget is null ? 1.0
            : options.Budget.Fraction ?? Math.Min(1.0, (double)options.Budget.Count!.Value / manifest.Vision.VisualTokensPerImage);
        request.VisualTokenSelector = null;
        request.VisualTokenBudget = null;
        if (method == "fastv")
        {
            var layer = options.LlmLayers is { Count: > 0 } given ? given[0] : boundaries.Contains(2) ? 2 : boundaries[0];
            request.LlmPruning = LlmPruningPlan.FastV(layer, 1 - keep);
        }
        else
        {
            IReadOnlyList<int> layers = options.LlmLayers is { Count: > 0 } given ? given
                : boundaries.Count > 1 ? boundaries.Where(b => b != 2).ToList() : boundaries;
            request.LlmPruning = LlmPruningPlan.PyramidDrop(layers, keep) with { KeepOriginalPositions = options.KeepOriginalPositions };
        }

        request.LlmPruning.Validate(boundaries);
    }

    /// <summary>Returns why a [CLS]-attention method cannot run on a package without [CLS] attention outputs, naming the methods that apply; null when it can.</summary>
    private static string? MissingClsAttention(string method, ModelManifest manifest)
    {
        if (!VisualTokenSelectors.NeedsClsAttention(method) || manifest.Vision.ClsAttentionLayers.Count > 0)
        {
            return null;
        }

        var inLlm = manifest.Text.StageBoundaries.Count > 0
            ? $", or in the language model: {string.Join(", ", VisualTokenSelectors.InLlmMethodNames)} (the package has staged decoder graphs)"
            : string.Empty;
        return $"'{method}' ranks visual tokens by the vision encoder's [CLS] attention, but the package (family '{manifest.Family}') has no [CLS] attention outputs "
            + "(its encoder has no [CLS] token, or it was built without --cls-attention-layers). Methods that apply: before the language model: "
            + $"{string.Join(", ", VisualTokenSelectors.MethodsWithoutClsAttention)}{inLlm}.";
    }
}
