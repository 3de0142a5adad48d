// Bipartite soft matching: D. Bolya et al., "Token Merging: Your ViT But Faster" (ToMe), ICLR 2023,
// github.com/facebookresearch/ToMe; applied before the LLM on visual tokens as in AIM: Y. Zhong et al., "AIM: Adaptive
// Inference of Multi-Modal LLMs via Token Merging and Pruning", arXiv:2412.03248 (2024).
// Details implemented: the current tokens (in order of representative position) are split alternately into A (even
// places) and B (odd places); each A token is matched to its most cosine-similar B token (ties: lower B place); the
// r A tokens with the most similar matches (ties: lower A place) are merged into their B partners, several A tokens
// possibly into one B token; r = min(tokens still to remove, |A|) per round; rounds repeat until the budget is met.
// Merging averages weighted by the number of original tokens each row stands for (ToMe's size-weighted average,
// merge_wavg), so a row merged over several rounds is the true mean of its source rows: we keep each group's sum of
// source rows (double) and its size, and output sum / size. Similarity in later rounds is the cosine of the current
// groups (a sum has the direction of its mean, so the cosine is the same). Positions and order (ours): each merged row
// takes the smallest original index of its group as its representative position, and rows are output in ascending
// representative order (ToMe itself concatenates unmerged A then B, which does not keep image order).
using System;
using System.Linq;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

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

        // Group g (in ascending position) owns row slot[g] of sums; sizes and positions are per slot.
        var features = context.Features.Span;
        var sums = new double[n * width];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = features[i];
        }

        var sizes = new int[n];
        Array.Fill(sizes, 1);
        var positions = SelectionChecks.All(n);
        var slots = SelectionChecks.All(n);
        while (slots.Length > context.Budget)
        {
            slots = MergeRound(slots, slots.Length - context.Budget, sums, sizes, positions, width);
        }

        var rows = new float[slots.Length * width];
        var kept = new int[slots.Length];
        for (var g = 0; g < slots.Length; g++)
        {
            var slot = slots[g];
            kept[g] = positions[slot];
            for (var c = 0; c < width; c++)
            {
                rows[g * width + c] = (float)(sums[slot * width + c] / sizes[slot]);
            }
        }

        return VisualTokenSelection.FromFeatures(rows, kept, width);
    }

    private static int[] MergeRound(int[] slots, int needed, double[] sums, int[] sizes, int[] positions, int width)
    {
        // ToMe bipartite split: A = even places, B = odd places (groups are ordered by position).
        var a = slots.Where((_, i) => i % 2 == 0).ToArray();
        var b = slots.Where((_, i) => i % 2 == 1).ToArray();
        var cosine = new float[a.Length * b.Length];
        FeatureGeometry.Products(UnitRows(a, sums, width), a.Length, UnitRows(b, sums, width), b.Length, width, cosine);

        var partner = new int[a.Length];
        var similarity = new float[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            // Most similar B token; the first (lowest B place) wins ties.
            var best = 0;
            for (var j = 1; j < b.Length; j++)
            {
                if (cosine[i * b.Length + j] > cosine[i * b.Length + best])
                {
                    best = j;
                }
            }

            partner[i] = best;
            similarity[i] = cosine[i * b.Length + best];
        }

        // ToMe: merge the r most similar edges (ties: lower A place), r = min(still to remove, |A|). Sums and sizes
        // add, so sum / size stays the size-weighted mean (ToMe merge_wavg).
        var r = Math.Min(needed, a.Length);
        var merged = new bool[a.Length];
        foreach (var i in ScoreRanking.Descending(similarity).Take(r))
        {
            merged[i] = true;
            int from = a[i], into = b[partner[i]];
            var source = sums.AsSpan(from * width, width);
            var target = sums.AsSpan(into * width, width);
            for (var c = 0; c < width; c++)
            {
                target[c] += source[c];
            }

            sizes[into] += sizes[from];
            positions[into] = Math.Min(positions[into], positions[from]);
        }

        var next = a.Where((_, i) => !merged[i]).Concat(b).ToArray();
        Array.Sort(next, (x, y) => positions[x].CompareTo(positions[y]));
        return next;
    }

    private static float[] UnitRows(int[] slots, double[] sums, int width)
    {
        var rows = new double[slots.Length * width];
        for (var g = 0; g < slots.Length; g++)
        {
            sums.AsSpan(slots[g] * width, width).CopyTo(rows.AsSpan(g * width, width));
        }

        return FeatureGeometry.UnitRows(rows, slots.Length, width);
    }
}
