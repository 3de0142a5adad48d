// DivPrune: S. R. Alvar et al., "DivPrune: Diversity-based Visual Token Pruning for Large Multimodal Models",
// CVPR 2025, arXiv:2503.02175, github.com/vbdi/divprune.
// Detail implemented: greedy solution of the max-min diversity problem on the cosine distance d(i,j) = 1 - cos(i,j)
// of the token feature rows. Initialisation (from the reference DivPrune function): the first token is the one whose
// nearest other token is farthest, i.e. argmax_i of the second-smallest entry of column i of the distance matrix
// (the smallest being the self-distance 0) -- we compute min over j != i directly. Then, repeatedly, the token whose
// minimum distance to the selected set is largest is added (argmax of the column-wise min over the selected rows).
// Ties: the lower index wins (torch.argmax returns the first maximum). Selected tokens are excluded explicitly (the
// reference relies on their self-distance being 0). The k selected indices are returned sorted (the LLaVA
// integration sorts the kept indices). Deviation: the paper scores the projected tokens; this hook runs before the
// projector, so the distances are on the features the context carries (pre-projector CLIP features in our packages).
using System;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// DivPrune: greedy max-min diversity selection of <c>Budget</c> tokens on the cosine distance of their feature rows,
/// starting from the token whose nearest neighbour is farthest; indices returned sorted. Equal distances prefer the
/// lower index. Needs no [CLS] attention. Cost O(N^2 C) for the distance matrix. Thread-safe (stateless).
/// </summary>
public sealed class DivPruneSelector : IVisualTokenSelector
{
    /// <inheritdoc />
    public string Name => "divprune";

    /// <inheritdoc />
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "DivPrune");
        int n = context.TokenCount, width = context.FeatureWidth, k = context.Budget;
        if (k == n)
        {
            return VisualTokenSelection.FromIndices(SelectionChecks.All(n));
        }

        var unit = FeatureGeometry.UnitRows(context.Features.Span, n, width);

        // Distance matrix d = 1 - cosine similarity (each pair computed once).
        var distance = new float[n * n];
        FeatureGeometry.SymmetricProducts(unit, n, width, distance);
        for (var i = 0; i < distance.Length; i++)
        {
            distance[i] = 1f - distance[i];
        }

        var selected = new bool[n];
        var result = new int[k];

        // DivPrune initialisation: the token whose nearest other token is farthest.
        var first = -1;
        var best = float.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var nearest = float.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                if (j != i && distance[i * n + j] < nearest)
                {
                    nearest = distance[i * n + j];
                }
            }

            if (first < 0 || nearest > best)
            {
                first = i;
                best = nearest;
            }
        }

        // minDistance[j] = distance from j to the selected set, updated with each new member.
        var minDistance = new float[n];
        Array.Fill(minDistance, float.PositiveInfinity);
        var latest = first;
        for (var s = 0; ; s++)
        {
            result[s] = latest;
            selected[latest] = true;
            if (s == k - 1)
            {
                break;
            }

            for (var j = 0; j < n; j++)
            {
                minDistance[j] = MathF.Min(minDistance[j], distance[latest * n + j]);
            }

            // DivPrune step: argmax over unselected tokens of the min distance to the selected set (first max wins).
            latest = -1;
            for (var j = 0; j < n; j++)
            {
                if (!selected[j] && (latest < 0 || minDistance[j] > minDistance[latest]))
                {
                    latest = j;
                }
            }
        }

        Array.Sort(result);
        return VisualTokenSelection.FromIndices(result);
    }
}
