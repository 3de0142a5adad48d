using System;

namespace LocalModel.Pruning;

/// <summary>Orders tokens by score for the top-k selectors.</summary>
internal static class ScoreRanking
{
    /// <summary>
    /// Returns all indices by descending score; equal scores keep the lower index first (the tie rule of every top-k
    /// selector here). NaN ranks below every number.
    /// </summary>
    public static int[] Descending(ReadOnlySpan<float> scores)
    {
        var order = SelectionChecks.All(scores.Length);
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byScore = keys[b].CompareTo(keys[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Returns the <paramref name="count"/> best indices (ties: lower index) sorted ascending (raster order).</summary>
    public static int[] TopSortedByIndex(ReadOnlySpan<float> scores, int count)
    {
        var top = Descending(scores).AsSpan(0, count).ToArray();
        Array.Sort(top);
        return top;
    }
}
