// VTC-CLS: A. Wang et al., "[CLS] Token Tells Everything Needed for Training-free Efficient MLLMs",
// arXiv:2412.05819 (2024), github.com/THU-MIG/VTC-CLS.
// Detail implemented: the score of each patch is the sum, over encoder layers start..feature layer (inclusive), of the
// head-mean [CLS] attention to it (the reference sums the rows of attentions[start_layer:-1], i.e. up to layer 22
// of CLIP ViT-L/14-336); the k highest are kept and sorted by index. Ties: equal sums keep the lower index (ours).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// VTC-CLS: keeps the <c>Budget</c> patches with the highest [CLS] attention summed over a range of encoder layers
/// ending at the feature layer, sorted by index. By default the range is every layer the package exports up to the
/// feature layer (the highest exported). A configured range must be fully exported. Equal sums keep the lower index.
/// Thread-safe (stateless).
/// </summary>
public sealed class VtcClsSelector : IVisualTokenSelector
{
    private readonly int? _startLayer;
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="startLayer">The first 0-based layer summed; null (default) sums every exported layer up to the feature layer.</param>
    /// <param name="featureLayer">The last layer summed (the feature layer); null (default) takes the highest exported layer.</param>
    /// <exception cref="ArgumentOutOfRangeException">A layer is negative, or the start is after the feature layer.</exception>
    public VtcClsSelector(int? startLayer = null, int? featureLayer = null)
    {
        if (startLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startLayer), startLayer, "The start layer must be a 0-based encoder layer index.");
        }

        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        if (startLayer is { } s && featureLayer is { } f && s > f)
        {
            throw new ArgumentOutOfRangeException(nameof(startLayer), startLayer, $"The start layer must not be after the feature layer ({f}).");
        }

        _startLayer = startLayer;
        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "vtc-cls";

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The package lacks [CLS] attention, or a layer of the configured range.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        const string Method = "VTC-CLS";
        SelectionChecks.Validate(context, Method);
        var end = ClsAttentionScores.FeatureLayer(context, _featureLayer, Method);
        IEnumerable<int> layers;
        if (_startLayer is { } start)
        {
            if (start > end)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Method}: the start layer {start} is after the feature layer {end}."));
            }

            layers = Enumerable.Range(start, end - start + 1);
        }
        else
        {
            layers = context.ClsAttention.Keys.Where(k => k <= end).OrderBy(k => k);
        }

        // VTC-CLS: sum of the head-mean [CLS] rows over layers start..feature layer (accumulated in double).
        var sum = new double[context.TokenCount];
        foreach (var layer in layers)
        {
            var row = ClsAttentionScores.Row(context, layer, Method);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += row[i];
            }
        }

        var scores = new float[sum.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            scores[i] = (float)sum[i];
        }

        return VisualTokenSelection.FromIndices(ScoreRanking.TopSortedByIndex(scores, context.Budget));
    }
}
