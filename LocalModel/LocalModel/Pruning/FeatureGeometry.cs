using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace LocalModel.Pruning;

/// <summary>Cosine geometry of feature rows for the similarity-based selectors.</summary>
internal static class FeatureGeometry
{
    /// <summary>
    /// Returns the rows scaled to unit L2 norm (norm computed in double), so a dot product of two of them is their
    /// cosine similarity. An all-zero row stays zero (cosine 0 with every row).
    /// </summary>
    public static float[] UnitRows(ReadOnlySpan<float> features, int rows, int width)
    {
        var unit = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var row = features.Slice(r * width, width);
            double sum = 0;
            foreach (var v in row)
            {
                sum += (double)v * v;
            }

            var norm = Math.Sqrt(sum);
            if (norm == 0)
            {
                continue;
            }

            var target = unit.AsSpan(r * width, width);
            for (var c = 0; c < width; c++)
            {
                target[c] = (float)(row[c] / norm);
            }
        }

        return unit;
    }

    /// <summary>Returns the dot product (SIMD; the same inputs give the same result on a given machine).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && a.Length >= lanes)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * lanes;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
