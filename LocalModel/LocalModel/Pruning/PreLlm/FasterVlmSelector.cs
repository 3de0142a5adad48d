// FasterVLM: Q. Zhang et al., "[CLS] Attention is All You Need for Training-Free Visual Token Pruning: Make VLM
// Inference Faster", arXiv:2412.01818 (2024), github.com/Theia-4869/FasterVLM.
// Detail implemented: the score of each patch is the head-mean attention of [CLS] to it in the vision-encoder layer
// whose output LLaVA uses as features (layer 22 of CLIP ViT-L/14-336, i.e. hidden_states[-2]); the k highest-scoring
// patches are kept and handed to the projector in their original raster order (FasterVLM re-ranks, prunes the last
// R%, and keeps the survivors in image order). Ties: equal scores keep the lower index (our rule; the paper's
// torch.topk leaves it unspecified).
using System;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// FasterVLM: keeps the <c>Budget</c> patches with the highest head-mean [CLS] attention of the feature layer, in
/// raster order. Equal scores keep the lower index. Needs [CLS] attention in the package. Thread-safe (stateless).
/// </summary>
public sealed class FasterVlmSelector : IVisualTokenSelector
{
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="featureLayer">The 0-based encoder layer whose [CLS] attention is the score; null (default) takes the highest layer the package exports.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureLayer"/> is negative.</exception>
    public FasterVlmSelector(int? featureLayer = null)
    {
        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "fastervlm";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The package has no [CLS] attention (rebuild with <c>--cls-attention-layers</c>) or not the configured layer.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "FasterVLM");
        var layer = ClsAttentionScores.FeatureLayer(context, _featureLayer, "FasterVLM");
        var scores = ClsAttentionScores.Row(context, layer, "FasterVLM");

        // FasterVLM: top-k by [CLS] attention, survivors in original raster order.
        return VisualTokenSelection.FromIndices(ScoreRanking.TopSortedByIndex(scores, context.Budget));
    }
}
