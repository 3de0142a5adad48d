// FoPru (row strategy): L. Jiang et al., "FoPru: Focal Pruning for Efficient Large Vision-Language Models",
// arXiv:2411.14164 (2024); no public code. OUR READING, UNVERIFIED (as DESIGN.md section 5 marks it): the paper
// describes the row strategy as preserving continuous key information from a local perspective; we implement it as
// keeping whole rows of the patch grid ranked by their summed significance.
// Detail implemented: significance = head-mean [CLS] attention of the feature layer; row score = sum over the row;
// rows are taken best-first (ties: lower row) while a whole row fits the budget; the remainder (budget mod grid
// width) is filled with the top-scoring tokens of the next-best row (ties: lower index), so the count always equals
// the budget, as for the other selectors at equal budgets. The kept tokens are reordered to raster order.
using System;
using System.Collections.Generic;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// FoPru, row strategy (our reading, unverified): keeps the grid rows with the highest summed significance (head-mean
/// [CLS] attention of the feature layer), as many full rows as fit the budget, then fills the remainder with the best
/// tokens of the next-best row; exactly <c>Budget</c> tokens, in raster order. Thread-safe (stateless).
/// </summary>
public sealed class FoPruRowSelector : IVisualTokenSelector
{
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="featureLayer">The 0-based encoder layer whose [CLS] attention is the significance; null (default) takes the highest exported layer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureLayer"/> is negative.</exception>
    public FoPruRowSelector(int? featureLayer = null)
    {
        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "fopru-row";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The package has no [CLS] attention (rebuild with <c>--cls-attention-layers</c>) or not the configured layer.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        const string Method = "FoPru-row";
        SelectionChecks.Validate(context, Method);
        SelectionChecks.ValidateGrid(context, Method);
        var layer = ClsAttentionScores.FeatureLayer(context, _featureLayer, Method);
        var scores = ClsAttentionScores.Row(context, layer, Method);
        int height = context.GridHeight, width = context.GridWidth;

        var rowScores = new float[height];
        for (var r = 0; r < height; r++)
        {
            double sum = 0;
            foreach (var v in scores.Slice(r * width, width))
            {
                sum += v;
            }

            rowScores[r] = (float)sum;
        }

        var rowOrder = ScoreRanking.Descending(rowScores);
        var fullRows = context.Budget / width;
        var keep = new List<int>(context.Budget);
        for (var k = 0; k < fullRows; k++)
        {
            var r = rowOrder[k];
            for (var c = 0; c < width; c++)
            {
                keep.Add(r * width + c);
            }
        }

        var remainder = context.Budget - fullRows * width;
        if (remainder > 0)
        {
            // Our choice: fill the remainder from the next-best row's highest-scoring tokens.
            var next = rowOrder[fullRows];
            foreach (var c in ScoreRanking.TopSortedByIndex(scores.Slice(next * width, width), remainder))
            {
                keep.Add(next * width + c);
            }
        }

        var indices = keep.ToArray();
        Array.Sort(indices);
        return VisualTokenSelection.FromIndices(indices);
    }
}
