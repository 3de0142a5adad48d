// Adaptive attention mass: OUR OWN METHOD (not from a paper), built on the [CLS]-attention scores of FasterVLM
// (arXiv:2412.01818). Detail: instead of a fixed count, keep the smallest set of tokens, taken by descending head-mean
// [CLS] attention of the feature layer (ties: lower index), whose summed attention reaches a requested fraction of
// the total attention over the patches; the count is then clamped to [min, max], where max is the smaller of the
// configured maximum and the context's Budget. The kept tokens are returned in raster order.
using System;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// Our method: keeps the fewest tokens (by descending [CLS] attention of the feature layer) whose attention mass reaches
/// <c>MassFraction</c> of the total over all patches, clamped to <c>[MinTokens, min(MaxTokens, Budget)]</c>; raster
/// order. The count therefore varies per image. Needs [CLS] attention. Thread-safe (stateless).
/// </summary>
public sealed class AdaptiveMassSelector : IVisualTokenSelector
{
    private readonly double _massFraction;
    private readonly int _minTokens;
    private readonly int? _maxTokens;
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="massFraction">The fraction of the total [CLS] attention mass to keep, in (0, 1].</param>
    /// <param name="minTokens">The fewest tokens kept (at least 1; lowered to the maximum when above it).</param>
    /// <param name="maxTokens">The most tokens kept; null leaves the context's budget as the only maximum.</param>
    /// <param name="featureLayer">The 0-based encoder layer whose [CLS] attention is used; null takes the highest exported layer.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public AdaptiveMassSelector(double massFraction, int minTokens = 1, int? maxTokens = null, int? featureLayer = null)
    {
        if (!(massFraction > 0 && massFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(massFraction), massFraction, "The mass fraction must be in (0, 1].");
        }

        if (minTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minTokens), minTokens, "The minimum token count must be at least 1.");
        }

        if (maxTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "The maximum token count must be at least 1.");
        }

        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        _massFraction = massFraction;
        _minTokens = minTokens;
        _maxTokens = maxTokens;
        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "adaptive-mass";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The package has no [CLS] attention (rebuild with <c>--cls-attention-layers</c>) or not the configured layer.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        const string Method = "Adaptive mass";
        SelectionChecks.Validate(context, Method);
        var layer = ClsAttentionScores.FeatureLayer(context, _featureLayer, Method);
        var scores = ClsAttentionScores.Row(context, layer, Method);
        var order = ScoreRanking.Descending(scores);

        double total = 0;
        foreach (var s in scores)
        {
            total += s;
        }

        var target = _massFraction * total;
        var count = 0;
        double mass = 0;
        while (count < order.Length && (count == 0 || mass < target))
        {
            mass += scores[order[count]];
            count++;
        }

        var max = Math.Min(_maxTokens ?? context.Budget, context.Budget);
        count = Math.Clamp(count, Math.Min(_minTokens, max), max);
        var keep = order.AsSpan(0, count).ToArray();
        Array.Sort(keep);
        return VisualTokenSelection.FromIndices(keep);
    }
}
