using System;

namespace LocalModel.Imaging;

/// <summary>
/// Pillow's <c>Image.resize</c> for 8-bit RGB (libImaging/Resample.c, re-implemented from its
/// documented behaviour): a separable convolution, horizontal pass first, whose filter support is
/// widened by the scale factor when downsampling; normalised weights are turned into 22-bit fixed
/// point and each pass rounds and clips to 8 bits. Following those steps exactly makes the output
/// equal to PIL's byte for byte, which matters because LLaVA was trained on PIL-resized images.
/// <para>
/// Only a window of the output is computed (the centre crop): an output pixel depends on its own
/// coefficients only, so the window equals the same region of the full resize.
/// </para>
/// </summary>
internal static class PilResampler
{
    // PIL: PRECISION_BITS = 32 - 8 - 2.
    private const int PrecisionBits = 32 - 8 - 2;

    /// <summary>
    /// Resizes <paramref name="source"/> (virtually <paramref name="source"/>.Width x Height
    /// canvas) to <paramref name="outWidth"/> x <paramref name="outHeight"/> and writes the window
    /// starting at (<paramref name="windowX"/>, <paramref name="windowY"/>) of size
    /// <paramref name="windowWidth"/> x <paramref name="windowHeight"/> into
    /// <paramref name="destination"/> (row stride <paramref name="destinationStride"/> bytes).
    /// </summary>
    public static void Resize(
        in CanvasSource source,
        int outWidth,
        int outHeight,
        ImageResampler filter,
        int windowX,
        int windowY,
        int windowWidth,
        int windowHeight,
        Span<byte> destination,
        int destinationStride)
    {
        if (windowWidth <= 0 || windowHeight <= 0)
        {
            return;
        }

        var needHorizontal = outWidth != source.Width;
        var needVertical = outHeight != source.Height;
        var horizontal = needHorizontal ? Coefficients.Compute(source.Width, outWidth, filter, windowX, windowWidth) : null;
        var vertical = needVertical ? Coefficients.Compute(source.Height, outHeight, filter, windowY, windowHeight) : null;

        int firstRow, lastRow, firstColumn, lastColumn;
        if (vertical is not null)
        {
            firstRow = vertical.Min[0];
            lastRow = vertical.Min[windowHeight - 1] + vertical.Count[windowHeight - 1];
        }
        else
        {
            firstRow = windowY;
            lastRow = windowY + windowHeight;
        }

        if (horizontal is not null)
        {
            firstColumn = horizontal.Min[0];
            lastColumn = horizontal.Min[windowWidth - 1] + horizontal.Count[windowWidth - 1];
        }
        else
        {
            firstColumn = windowX;
            lastColumn = windowX + windowWidth;
        }

        var rowCount = lastRow - firstRow;
        var rowStride = windowWidth * 3;
        var row = new byte[(lastColumn - firstColumn) * 3];

        if (vertical is null)
        {
            // One pass (or none): rows go straight to the destination.
            for (var y = 0; y < rowCount; y++)
            {
                source.CopyRow(firstRow + y, firstColumn, lastColumn - firstColumn, row);
                var target = destination.Slice(y * destinationStride, rowStride);
                if (horizontal is not null)
                {
                    Convolve(row, horizontal, firstColumn, target);
                }
                else
                {
                    row.AsSpan().CopyTo(target);
                }
            }

            return;
        }

        // Horizontal pass (or a plain copy) into 8-bit intermediate rows, as PIL does.
        var temp = new byte[checked(rowCount * rowStride)];
        for (var y = 0; y < rowCount; y++)
        {
            source.CopyRow(firstRow + y, firstColumn, lastColumn - firstColumn, row);
            var target = temp.AsSpan(y * rowStride, rowStride);
            if (horizontal is not null)
            {
                Convolve(row, horizontal, firstColumn, target);
            }
            else
            {
                row.AsSpan().CopyTo(target);
            }
        }

        // Vertical pass.
        var ksize = vertical.KernelSize;
        for (var y = 0; y < windowHeight; y++)
        {
            var min = vertical.Min[y] - firstRow;
            var count = vertical.Count[y];
            var k = vertical.Weights.AsSpan(y * ksize, count);
            var target = destination.Slice(y * destinationStride, rowStride);
            for (var x = 0; x < rowStride; x += 3)
            {
                int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
                var offset = (min * rowStride) + x;
                for (var i = 0; i < count; i++, offset += rowStride)
                {
                    var w = k[i];
                    s0 += temp[offset] * w;
                    s1 += temp[offset + 1] * w;
                    s2 += temp[offset + 2] * w;
                }

                target[x] = Clip8(s0);
                target[x + 1] = Clip8(s1);
                target[x + 2] = Clip8(s2);
            }
        }
    }

    private static void Convolve(ReadOnlySpan<byte> row, Coefficients c, int firstColumn, Span<byte> target)
    {
        var ksize = c.KernelSize;
        for (var x = 0; x < c.Min.Length; x++)
        {
            var count = c.Count[x];
            var k = c.Weights.AsSpan(x * ksize, count);
            var offset = (c.Min[x] - firstColumn) * 3;
            int s0 = 1 << (PrecisionBits - 1), s1 = s0, s2 = s0;
            for (var i = 0; i < count; i++, offset += 3)
            {
                var w = k[i];
                s0 += row[offset] * w;
                s1 += row[offset + 1] * w;
                s2 += row[offset + 2] * w;
            }

            target[x * 3] = Clip8(s0);
            target[(x * 3) + 1] = Clip8(s1);
            target[(x * 3) + 2] = Clip8(s2);
        }
    }

    // PIL's clip8: arithmetic shift, then clamp to 0..255.
    private static byte Clip8(int value) => (byte)Math.Clamp(value >> PrecisionBits, 0, 255);

    private static double Filter(ImageResampler filter, double x)
    {
        if (x < 0.0)
        {
            x = -x;
        }

        if (filter == ImageResampler.Bilinear)
        {
            return x < 1.0 ? 1.0 - x : 0.0;
        }

        // Cubic convolution with a = -0.5, written in PIL's operation order so doubles match.
        const double A = -0.5;
        if (x < 1.0)
        {
            return (((A + 2.0) * x) - (A + 3.0)) * x * x + 1;
        }

        if (x < 2.0)
        {
            return ((((x - 5) * x) + 8) * x - 4) * A;
        }

        return 0.0;
    }

    /// <summary>Per-output-pixel taps for one axis, restricted to a window of outputs.</summary>
    private sealed class Coefficients
    {
        private Coefficients(int[] min, int[] count, int[] weights, int kernelSize)
        {
            Min = min;
            Count = count;
            Weights = weights;
            KernelSize = kernelSize;
        }

        public int[] Min { get; }

        public int[] Count { get; }

        public int[] Weights { get; }

        public int KernelSize { get; }

        // PIL precompute_coeffs + normalize_coeffs_8bpc for outputs windowStart .. windowStart + windowLength.
        public static Coefficients Compute(int inSize, int outSize, ImageResampler filter, int windowStart, int windowLength)
        {
            var support = filter == ImageResampler.Bilinear ? 1.0 : 2.0;

            // PIL keeps the box edges as C floats: (double)(in1 - in0) with in0 = 0.
            var scale = (double)(float)inSize / outSize;
            var filterScale = scale < 1.0 ? 1.0 : scale;
            support *= filterScale;
            var kernelSize = checked(((int)Math.Ceiling(support) * 2) + 1);

            var min = new int[windowLength];
            var count = new int[windowLength];
            var weights = new int[checked(windowLength * kernelSize)];
            var k = new double[kernelSize];
            var ss = 1.0 / filterScale;
            for (var i = 0; i < windowLength; i++)
            {
                var xx = windowStart + i;
                var center = (xx + 0.5) * scale;
                var ww = 0.0;
                var xmin = (int)(center - support + 0.5);
                if (xmin < 0)
                {
                    xmin = 0;
                }

                var xmax = (int)(center + support + 0.5);
                if (xmax > inSize)
                {
                    xmax = inSize;
                }

                xmax -= xmin;
                for (var x = 0; x < xmax; x++)
                {
                    var w = Filter(filter, (x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }

                for (var x = 0; x < xmax; x++)
                {
                    if (ww != 0.0)
                    {
                        k[x] /= ww;
                    }

                    var v = k[x];
                    weights[(i * kernelSize) + x] = v < 0
                        ? (int)(-0.5 + (v * (1 << PrecisionBits)))
                        : (int)(0.5 + (v * (1 << PrecisionBits)));
                }

                min[i] = xmin;
                count[i] = xmax;
            }

            return new Coefficients(min, count, weights, kernelSize);
        }
    }
}
