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

    /// <summary>Like <see cref="UnitRows(ReadOnlySpan{float}, int, int)"/> for rows held in double.</summary>
    public static float[] UnitRows(ReadOnlySpan<double> rows, int count, int width)
    {
        var unit = new float[count * width];
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * width, width);
            double sum = 0;
            foreach (var v in row)
            {
                sum += v * v;
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

    /// <summary>
    /// Fills <paramref name="products"/>[i * bRows + j] with the dot product of row i of <paramref name="a"/> and row j of
    /// <paramref name="b"/>. Rows of <paramref name="a"/> are taken four at a time against blocks of rows of
    /// <paramref name="b"/> so each row of <paramref name="b"/> is read once per four rows of <paramref name="a"/>; every
    /// entry is accumulated exactly as <see cref="Dot"/> does, so the result does not depend on the blocking (and a
    /// matrix of a with itself is exactly symmetric).
    /// </summary>
    public static void Products(ReadOnlySpan<float> a, int aRows, ReadOnlySpan<float> b, int bRows, int width, Span<float> products)
    {
        const int BlockRows = 32;
        for (var j0 = 0; j0 < bRows; j0 += BlockRows)
        {
            var j1 = Math.Min(j0 + BlockRows, bRows);
            var i = 0;
            for (; i + 4 <= aRows; i += 4)
            {
                var a0 = a.Slice(i * width, width);
                var a1 = a.Slice((i + 1) * width, width);
                var a2 = a.Slice((i + 2) * width, width);
                var a3 = a.Slice((i + 3) * width, width);
                for (var j = j0; j < j1; j++)
                {
                    var (p0, p1, p2, p3) = Dot4(a0, a1, a2, a3, b.Slice(j * width, width));
                    products[i * bRows + j] = p0;
                    products[(i + 1) * bRows + j] = p1;
                    products[(i + 2) * bRows + j] = p2;
                    products[(i + 3) * bRows + j] = p3;
                }
            }

            for (; i < aRows; i++)
            {
                for (var j = j0; j < j1; j++)
                {
                    products[i * bRows + j] = Dot(a.Slice(i * width, width), b.Slice(j * width, width));
                }
            }
        }
    }

    /// <summary>
    /// Fills the <paramref name="rows"/> x <paramref name="rows"/> matrix of dot products of the rows of
    /// <paramref name="a"/> with each other, computing each pair once (four rows at a time) and mirroring it; entries
    /// equal those of <see cref="Products"/>.
    /// </summary>
    public static void SymmetricProducts(ReadOnlySpan<float> a, int rows, int width, Span<float> products)
    {
        var i = 0;
        for (; i + 4 <= rows; i += 4)
        {
            var a0 = a.Slice(i * width, width);
            var a1 = a.Slice((i + 1) * width, width);
            var a2 = a.Slice((i + 2) * width, width);
            var a3 = a.Slice((i + 3) * width, width);
            for (var j = i; j < rows; j++)
            {
                var (p0, p1, p2, p3) = Dot4(a0, a1, a2, a3, a.Slice(j * width, width));
                products[i * rows + j] = products[j * rows + i] = p0;
                products[(i + 1) * rows + j] = products[j * rows + i + 1] = p1;
                products[(i + 2) * rows + j] = products[j * rows + i + 2] = p2;
                products[(i + 3) * rows + j] = products[j * rows + i + 3] = p3;
            }
        }

        for (; i < rows; i++)
        {
            for (var j = i; j < rows; j++)
            {
                products[i * rows + j] = products[j * rows + i] = Dot(a.Slice(i * width, width), a.Slice(j * width, width));
            }
        }
    }

    /// <summary>Returns the dot product (SIMD; the same inputs give the same result on a given machine).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Four dot products against one row, each accumulated in the same order as <see cref="Dot"/>.</summary>
    private static (float, float, float, float) Dot4(ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> b)
    {
        var i = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && b.Length >= Vector<float>.Count)
        {
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var v0 = MemoryMarshal.Cast<float, Vector<float>>(a0);
            var v1 = MemoryMarshal.Cast<float, Vector<float>>(a1);
            var v2 = MemoryMarshal.Cast<float, Vector<float>>(a2);
            var v3 = MemoryMarshal.Cast<float, Vector<float>>(a3);
            Vector<float> c0 = Vector<float>.Zero, c1 = Vector<float>.Zero, c2 = Vector<float>.Zero, c3 = Vector<float>.Zero;
            for (var v = 0; v < vb.Length; v++)
            {
                var x = vb[v];
                c0 += v0[v] * x;
                c1 += v1[v] * x;
                c2 += v2[v] * x;
                c3 += v3[v] * x;
            }

            s0 = Vector.Sum(c0);
            s1 = Vector.Sum(c1);
            s2 = Vector.Sum(c2);
            s3 = Vector.Sum(c3);
            i = vb.Length * Vector<float>.Count;
        }

        for (; i < b.Length; i++)
        {
            s0 += a0[i] * b[i];
            s1 += a1[i] * b[i];
            s2 += a2[i] * b[i];
            s3 += a3[i] * b[i];
        }

        return (s0, s1, s2, s3);
    }
}
