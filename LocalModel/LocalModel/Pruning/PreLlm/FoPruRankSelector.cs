// FoPru (rank strategy): L. Jiang et al., "FoPru: Focal Pruning for Efficient Large Vision-Language Models",
// arXiv:2411.14164 (2024); no public code.
// Detail implemented: tokens are ranked globally by an attention-based significance from the vision encoder and the
// top k are kept, then reordered to their original positions. The significance used here is the head-mean [CLS]
// attention of the feature layer (the encoder attention our packages export); the paper's exact significance
// aggregation is not reproduced. Ties: equal scores keep the lower index (ours).
using System;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// FoPru, rank strategy: global top-<c>Budget</c> tokens by encoder attention significance (head-mean [CLS]
/// attention of the feature layer), reordered to raster order. Equal scores keep the lower index. Thread-safe.
/// </summary>
public sealed class FoPruRankSelector : IVisualTokenSelector
{
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="featureLayer">The 0-based encoder layer whose [CLS] attention is the significance; null (default) takes the highest exported layer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureLayer"/> is negative.</exception>
    public FoPruRankSelector(int? featureLayer = null)
    {
        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "fopru-rank";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The package has no [CLS] attention (rebuild with <c>--cls-attention-layers</c>) or not the configured layer.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "FoPru-rank");
        var layer = ClsAttentionScores.FeatureLayer(context, _featureLayer, "FoPru-rank");

        // FoPru rank strategy: global top-k by significance, then reordered to the original positions.
        return VisualTokenSelection.FromIndices(ScoreRanking.TopSortedByIndex(ClsAttentionScores.Row(context, layer, "FoPru-rank"), context.Budget));
    }
}
