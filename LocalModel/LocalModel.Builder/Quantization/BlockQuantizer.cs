using System;

namespace LocalModel.Builder.Quantization;

/// <summary>
/// Round-to-nearest asymmetric block quantization of one weight row in <c>MatMulNBits</c>' layout. For each block the
/// range [min(0, lo), max(0, hi)] maps onto 0..2^bits-1: <c>scale = (max - min) / (2^bits - 1)</c>,
/// <c>zero = round(-min / scale)</c>, <c>q = clamp(round(w / scale) + zero)</c>, and the kernel reconstructs
/// <c>(q - zero) * scale</c>. Keeping 0 inside the range makes zero weights (and the padding of a last partial block)
/// exact. 4-bit values pack two to a byte, the even element in the low nibble.
/// </summary>
internal static class BlockQuantizer
{
    /// <summary>
    /// Quantizes <paramref name="row"/> (one output feature's weights over every input feature) into
    /// <paramref name="packed"/> (<c>blocks * BlobBytes</c> bytes), <paramref name="scales"/> and
    /// <paramref name="zeroPoints"/> (one unpacked value per block).
    /// </summary>
    /// <returns>The index of the first non-finite weight, or -1 when every weight is finite (then the outputs are complete).</returns>
    public static int QuantizeRow(ReadOnlySpan<float> row, WeightQuantization q, Span<byte> packed, Span<float> scales, Span<byte> zeroPoints)
    {
        var blocks = q.BlocksPerRow(row.Length);
        packed[..(blocks * q.BlobBytes)].Clear();
        for (var b = 0; b < blocks; b++)
        {
            var start = b * q.BlockSize;
            var block = row.Slice(start, Math.Min(q.BlockSize, row.Length - start));
            var lo = 0f;
            var hi = 0f;
            for (var i = 0; i < block.Length; i++)
            {
                var w = block[i];
                if (!float.IsFinite(w))
                {
                    return start + i;
                }

                lo = MathF.Min(lo, w);
                hi = MathF.Max(hi, w);
            }

            var scale = (hi - lo) / q.MaxLevel;
            int zero;
            if (scale == 0f)
            {
                // An all-zero block: any scale reconstructs it; 1 keeps the kernel away from denormals.
                scale = 1f;
                zero = 0;
            }
            else
            {
                zero = Math.Clamp((int)MathF.Round(-lo / scale, MidpointRounding.ToEven), 0, q.MaxLevel);
            }

            scales[b] = scale;
            zeroPoints[b] = (byte)zero;
            var blob = packed.Slice(b * q.BlobBytes, q.BlobBytes);
            var inv = 1f / scale;
            for (var i = 0; i < q.BlockSize; i++)
            {
                var level = i < block.Length ? Math.Clamp((int)MathF.Round(block[i] * inv, MidpointRounding.ToEven) + zero, 0, q.MaxLevel) : zero;
                if (q.Bits == 8)
                {
                    blob[i] = (byte)level;
                }
                else
                {
                    blob[i >> 1] |= (byte)((i & 1) == 0 ? level : level << 4);
                }
            }
        }

        return -1;
    }

    /// <summary>Packs one row's per-block zero points as <c>MatMulNBits</c> reads them.</summary>
    public static void PackZeroPoints(ReadOnlySpan<byte> zeroPoints, WeightQuantization q, Span<byte> destination)
    {
        if (q.Bits == 8)
        {
            zeroPoints.CopyTo(destination);
            return;
        }

        destination.Clear();
        for (var b = 0; b < zeroPoints.Length; b++)
        {
            destination[b >> 1] |= (byte)((b & 1) == 0 ? zeroPoints[b] : zeroPoints[b] << 4);
        }
    }

    /// <summary>Reconstructs weight <paramref name="index"/> of a quantized row, as the kernel does (for tests and error reports).</summary>
    public static float Dequantize(ReadOnlySpan<byte> packed, ReadOnlySpan<float> scales, ReadOnlySpan<byte> zeroPoints, WeightQuantization q, int index)
    {
        var b = index / q.BlockSize;
        var i = index % q.BlockSize;
        var blob = packed.Slice(b * q.BlobBytes, q.BlobBytes);
        var level = q.Bits == 8 ? blob[i] : (i & 1) == 0 ? blob[i >> 1] & 0xF : blob[i >> 1] >> 4;
        return (level - zeroPoints[b]) * scales[b];
    }
}
