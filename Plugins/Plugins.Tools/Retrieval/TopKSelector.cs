using System;
using System.Collections.Generic;

namespace Plugins.Tools.Retrieval;

/// <summary>Partial selection of the best scores: O(n log k) with a k-sized heap; ties go to the lower index (catalogue order).</summary>
internal static class TopKSelector
{
    private static readonly Comparer<(double Score, int Index)> WorstFirst = Comparer<(double Score, int Index)>.Create(static (a, b) =>
    {
        var byScore = a.Score.CompareTo(b.Score);
        return byScore != 0 ? byScore : b.Index.CompareTo(a.Index);
    });

    /// <summary>The indices of the <paramref name="k"/> highest of <paramref name="scores"/>, best first; entries where <paramref name="include"/> is false are skipped.</summary>
    public static int[] Select(ReadOnlySpan<double> scores, int k, Func<double, bool>? include = null)
    {
        if (k <= 0 || scores.Length == 0)
        {
            return [];
        }

        var heap = new PriorityQueue<int, (double Score, int Index)>(Math.Min(k, scores.Length) + 1, WorstFirst);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (double.IsNaN(score) || (include is not null && !include(score)))
            {
                continue;
            }

            if (heap.Count < k)
            {
                heap.Enqueue(i, (score, i));
            }
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Compare((score, i), worst) > 0)
            {
                heap.DequeueEnqueue(i, (score, i));
            }
        }

        var result = new int[heap.Count];
        for (var j = result.Length - 1; j >= 0; j--)
        {
            result[j] = heap.Dequeue();
        }

        return result;
    }
}
