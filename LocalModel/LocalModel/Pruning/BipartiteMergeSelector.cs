// Bipartite soft matching: D. Bolya et al., "Token Merging: Your ViT But Faster" (ToMe), ICLR 2023,
// github.com/facebookresearch/ToMe; applied before the LLM on visual tokens as in AIM: Y. Zhong et al., "AIM: Adaptive
// Inference of Multi-Modal LLMs via Token Merging and Pruning", arXiv:2412.03248 (2024).
// Details implemented: the current tokens (in order of representative position) are split alternately into A (even
// places) and B (odd places); each A token is matched to its most cosine-similar B token (ties: lower B place); the
// r A tokens with the most similar matches (ties: lower A place) are merged into their B partners, several A tokens
// possibly into one B token; r = min(tokens still to remove, |A|) per round; rounds repeat until the budget is met.
// Merging averages weighted by the number of original tokens each row stands for (ToMe's size-weighted average,
// merge_wavg), so a row merged over several rounds is the true mean of its source rows; means are kept in double.
// Similarity in later rounds is computed on the current (merged) means. Positions and order (ours): each merged row
// takes the smallest original index of its group as its representative position, and rows are output in ascending
// representative order (ToMe itself concatenates unmerged A then B, which does not keep image order).
using System;
using System.Collections.Generic;
using System.Linq;
using LocalModel.Selection;

namespace LocalModel.Pruning;

/// <summary>
/// ToMe/AIM-style bipartite merging of visual tokens by cosine similarity of their feature rows until exactly
/// <c>Budget</c> rows remain. Merged rows are size-weighted means of their source rows; each row's position is the
/// smallest original index of its group, and rows come out in ascending position. Needs no [CLS] attention.
/// Thread-safe (stateless).
/// </summary>
public sealed class BipartiteMergeSelector : IVisualTokenSelector
{
    /// <inheritdoc />
    public string Name => "bipartite-merge";

    /// <inheritdoc />
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "Bipartite merge");
        int n = context.TokenCount, width = context.FeatureWidth;
        if (context.Budget == n)
        {
            return VisualTokenSelection.FromIndices(SelectionChecks.All(n));
        }

        var features = context.Features.Span;
        var groups = new List<Group>(n);
        for (var i = 0; i < n; i++)
        {
            var mean = new double[width];
            for (var c = 0; c < width; c++)
            {
                mean[c] = features[i * width + c];
            }

            groups.Add(new Group(mean, 1, i));
        }

        while (groups.Count > context.Budget)
        {
            groups = MergeRound(groups, groups.Count - context.Budget, width);
        }

        var rows = new float[groups.Count * width];
        var positions = new int[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            positions[g] = groups[g].Position;
            for (var c = 0; c < width; c++)
            {
                rows[g * width + c] = (float)groups[g].Mean[c];
            }
        }

        return VisualTokenSelection.FromFeatures(rows, positions, width);
    }

    private static List<Group> MergeRound(List<Group> groups, int needed, int width)
    {
        // ToMe bipartite split: A = even places, B = odd places (groups are ordered by position).
        var a = new List<Group>();
        var b = new List<Group>();
        for (var i = 0; i < groups.Count; i++)
        {
            (i % 2 == 0 ? a : b).Add(groups[i]);
        }

        var unitA = UnitRows(a, width);
        var unitB = UnitRows(b, width);
        var partner = new int[a.Count];
        var similarity = new float[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            var best = -1;
            var bestSimilarity = float.NegativeInfinity;
            for (var j = 0; j < b.Count; j++)
            {
                var s = FeatureGeometry.Dot(unitA.AsSpan(i * width, width), unitB.AsSpan(j * width, width));
                if (best < 0 || s > bestSimilarity)
                {
                    best = j;
                    bestSimilarity = s;
                }
            }

            partner[i] = best;
            similarity[i] = bestSimilarity;
        }

        // ToMe: merge the r most similar edges, r = min(still to remove, |A|).
        var r = Math.Min(needed, a.Count);
        var merged = new bool[a.Count];
        foreach (var i in ScoreRanking.Descending(similarity).Take(r))
        {
            merged[i] = true;
        }

        // Size-weighted sum into each B partner (ToMe merge_wavg), then divide by the total size.
        var sums = new double[b.Count][];
        var sizes = new int[b.Count];
        var positions = new int[b.Count];
        for (var j = 0; j < b.Count; j++)
        {
            sums[j] = new double[width];
            Accumulate(sums[j], b[j]);
            sizes[j] = b[j].Size;
            positions[j] = b[j].Position;
        }

        var next = new List<Group>(groups.Count - r);
        for (var i = 0; i < a.Count; i++)
        {
            if (!merged[i])
            {
                next.Add(a[i]);
                continue;
            }

            var j = partner[i];
            Accumulate(sums[j], a[i]);
            sizes[j] += a[i].Size;
            positions[j] = Math.Min(positions[j], a[i].Position);
        }

        for (var j = 0; j < b.Count; j++)
        {
            var mean = sums[j];
            for (var c = 0; c < width; c++)
            {
                mean[c] /= sizes[j];
            }

            next.Add(new Group(mean, sizes[j], positions[j]));
        }

        next.Sort((x, y) => x.Position.CompareTo(y.Position));
        return next;
    }

    private static void Accumulate(double[] sum, Group group)
    {
        for (var c = 0; c < sum.Length; c++)
        {
            sum[c] += group.Mean[c] * group.Size;
        }
    }

    private static float[] UnitRows(List<Group> groups, int width)
    {
        var rows = new float[groups.Count * width];
        for (var g = 0; g < groups.Count; g++)
        {
            for (var c = 0; c < width; c++)
            {
                rows[g * width + c] = (float)groups[g].Mean[c];
            }
        }

        return FeatureGeometry.UnitRows(rows, groups.Count, width);
    }

    /// <summary>A row standing for <see cref="Size"/> original tokens, placed at <see cref="Position"/> (its smallest source index).</summary>
    private sealed record Group(double[] Mean, int Size, int Position);
}
