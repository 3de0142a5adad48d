using System;

namespace LocalModel.Imaging;

/// <summary>
/// Pillow's <c>Image.resize</c> for 8-bit RGB (libImaging/Resample.c, re-implemented from its
/// documented behaviour): a separable convolution, horizontal pass first, whose filter support is
/// widened by the scale factor when downsampling; normalised weights are turned into 22-bit fixed
/// point and each pass rounds and clips to 8 bits. Following those steps exactly makes the output
/// equal to PIL's byte for byte, which matters because LLaVA was trained on PIL-resized images.
/// <para>
/// Two savings keep the results identical: only a window of the output (the centre crop) is
/// computed, since an output pixel depends on its own coefficients only; and taps that fall on
/// the constant padding of a <see cref="CanvasSource"/> are summed as (sum of their integer
/// weights) x colour, which equals PIL's integer sum over the materialised canvas.
/// </para>
/// </summary>
internal static class PilResampler
{
    // PIL: PRECISION_BITS = 32 - 8 - 2.
    private const int PrecisionBits = 32 - 8 - 2;
    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>
    /// Resizes the canvas of <paramref name="source"/> to <paramref name="outWidth"/> x
    /// <paramref name="outHeight"/> and writes the output window at (<paramref name="windowX"/>,
    /// <paramref name="windowY"/>) of size <paramref name="windowWidth"/> x
    /// <paramref name="windowHeight"/> into <paramref name="destination"/>, whose rows are
    /// <paramref name="destinationStride"/> bytes apart.
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

        // PIL: need_horizontal / need_vertical compare the sizes (the box is the whole image).
        var horizontal = outWidth != source.Width
            ? Taps.Compute(source.Width, outWidth, filter, windowX, windowWidth, source.ImageX, source.Image.Width)
            : null;
        var vertical = outHeight != source.Height
            ? Taps.Compute(source.Height, outHeight, filter, windowY, windowHeight, source.ImageY, source.Image.Height)
            : null;

        // Canvas rows the vertical pass reads (PIL: ybox_first .. ybox_last).
        int firstRow, lastRow;
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

        // Intermediate 8-bit rows after the horizontal pass: the image rows in range, plus the
        // single row every padding row becomes.
        var rowBytes = windowWidth * 3;
        var imageFirst = Math.Max(firstRow, source.ImageY);
        var imageLast = Math.Min(lastRow, source.ImageY + source.Image.Height);
        var imageRows = Math.Max(0, imageLast - imageFirst);
        var intermediate = new byte[checked(imageRows * rowBytes)];
        for (var r = 0; r < imageRows; r++)
        {
            HorizontalRow(source, source.ImageRow(imageFirst + r - source.ImageY), horizontal, windowX, intermediate.AsSpan(r * rowBytes, rowBytes));
        }

        var padRow = new byte[rowBytes];
        if (imageRows < lastRow - firstRow)
        {
            HorizontalRow(source, default, horizontal, windowX, padRow);
        }

        if (vertical is null)
        {
            for (var y = 0; y < windowHeight; y++)
            {
                var canvasRow = windowY + y;
                var row = source.IsImageRow(canvasRow)
                    ? intermediate.AsSpan((canvasRow - imageFirst) * rowBytes, rowBytes)
                    : padRow;
                row.CopyTo(destination.Slice(y * destinationStride, rowBytes));
            }

            return;
        }

        // Vertical pass.
        var ksize = vertical.KernelSize;
        for (var y = 0; y < windowHeight; y++)
        {
            var weights = vertical.Weights.AsSpan(y * ksize, vertical.Count[y]);
            var padWeight = vertical.PadWeight[y];
            var imageTapStart = vertical.ImageTapStart[y];
            var imageTapEnd = vertical.ImageTapEnd[y];
            var firstImageRow = vertical.Min[y] + imageTapStart - imageFirst;
            var target = destination.Slice(y * destinationStride, rowBytes);
            for (var x = 0; x < rowBytes; x += 3)
            {
                var s0 = Half + (padWeight * padRow[x]);
                var s1 = Half + (padWeight * padRow[x + 1]);
                var s2 = Half + (padWeight * padRow[x + 2]);
                var offset = (firstImageRow * rowBytes) + x;
                for (var t = imageTapStart; t < imageTapEnd; t++, offset += rowBytes)
                {
                    var w = weights[t];
                    s0 += intermediate[offset] * w;
                    s1 += intermediate[offset + 1] * w;
                    s2 += intermediate[offset + 2] * w;
                }

                target[x] = Clip8(s0);
                target[x + 1] = Clip8(s1);
                target[x + 2] = Clip8(s2);
            }
        }
    }

    /// <summary>One canvas row through the horizontal pass (or a copy of the window when the
    /// width does not change). An empty <paramref name="imageRow"/> means a padding row.</summary>
    private static void HorizontalRow(in CanvasSource source, ReadOnlySpan<byte> imageRow, Taps? taps, int windowX, Span<byte> target)
    {
        var isPadRow = imageRow.IsEmpty;
        var columns = target.Length / 3;
        if (taps is null)
        {
            for (var x = 0; x < columns; x++)
            {
                var imageX = windowX + x - source.ImageX;
                var inside = !isPadRow && imageX >= 0 && imageX < source.Image.Width;
                target[x * 3] = inside ? imageRow[imageX * 3] : source.R;
                target[(x * 3) + 1] = inside ? imageRow[(imageX * 3) + 1] : source.G;
                target[(x * 3) + 2] = inside ? imageRow[(imageX * 3) + 2] : source.B;
            }

            return;
        }

        var ksize = taps.KernelSize;
        for (var x = 0; x < columns; x++)
        {
            var weights = taps.Weights.AsSpan(x * ksize, taps.Count[x]);
            int padWeight, tapStart, tapEnd;
            if (isPadRow)
            {
                padWeight = taps.TotalWeight[x];
                tapStart = tapEnd = 0;
            }
            else
            {
                padWeight = taps.PadWeight[x];
                tapStart = taps.ImageTapStart[x];
                tapEnd = taps.ImageTapEnd[x];
            }

            var s0 = Half + (padWeight * source.R);
            var s1 = Half + (padWeight * source.G);
            var s2 = Half + (padWeight * source.B);
            var offset = (taps.Min[x] + tapStart - source.ImageX) * 3;
            for (var t = tapStart; t < tapEnd; t++, offset += 3)
            {
                var w = weights[t];
                s0 += imageRow[offset] * w;
                s1 += imageRow[offset + 1] * w;
                s2 += imageRow[offset + 2] * w;
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

    /// <summary>Per-output-pixel taps for one axis, restricted to a window of outputs, with the
    /// taps split into those on the image and those on the padding.</summary>
    private sealed class Taps
    {
        private Taps(int windowLength, int kernelSize)
        {
            KernelSize = kernelSize;
            Min = new int[windowLength];
            Count = new int[windowLength];
            Weights = new int[checked(windowLength * kernelSize)];
            TotalWeight = new int[windowLength];
            PadWeight = new int[windowLength];
            ImageTapStart = new int[windowLength];
            ImageTapEnd = new int[windowLength];
        }

        public int KernelSize { get; }

        /// <summary>First input index of each output's taps (PIL xmin).</summary>
        public int[] Min { get; }

        /// <summary>Number of taps of each output (PIL xmax - xmin).</summary>
        public int[] Count { get; }

        /// <summary>Fixed-point weights, <see cref="KernelSize"/> slots per output.</summary>
        public int[] Weights { get; }

        /// <summary>Sum of all integer weights of each output.</summary>
        public int[] TotalWeight { get; }

        /// <summary>Sum of the integer weights of taps outside the image (on padding).</summary>
        public int[] PadWeight { get; }

        /// <summary>Index of the first tap on the image.</summary>
        public int[] ImageTapStart { get; }

        /// <summary>Index after the last tap on the image.</summary>
        public int[] ImageTapEnd { get; }

        // PIL precompute_coeffs + normalize_coeffs_8bpc for outputs windowStart .. windowStart + windowLength.
        public static Taps Compute(int inSize, int outSize, ImageResampler filter, int windowStart, int windowLength, int imageStart, int imageLength)
        {
            var support = filter == ImageResampler.Bilinear ? 1.0 : 2.0;

            // PIL keeps the box edges as C floats: (double)(in1 - in0) with in0 = 0.
            var scale = (double)(float)inSize / outSize;
            var filterScale = scale < 1.0 ? 1.0 : scale;
            support *= filterScale;
            var kernelSize = checked(((int)Math.Ceiling(support) * 2) + 1);

            var taps = new Taps(windowLength, kernelSize);
            var k = new double[kernelSize];
            var ss = 1.0 / filterScale;
            var imageEnd = imageStart + imageLength;
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

                var row = taps.Weights.AsSpan(i * kernelSize, kernelSize);
                int total = 0, pad = 0;
                for (var x = 0; x < xmax; x++)
                {
                    if (ww != 0.0)
                    {
                        k[x] /= ww;
                    }

                    var v = k[x];
                    row[x] = v < 0
                        ? (int)(-0.5 + (v * (1 << PrecisionBits)))
                        : (int)(0.5 + (v * (1 << PrecisionBits)));
                    total += row[x];
                    if (x + xmin < imageStart || x + xmin >= imageEnd)
                    {
                        pad += row[x];
                    }
                }

                taps.Min[i] = xmin;
                taps.Count[i] = xmax;
                taps.TotalWeight[i] = total;
                taps.PadWeight[i] = pad;
                taps.ImageTapStart[i] = Math.Clamp(imageStart - xmin, 0, xmax);
                taps.ImageTapEnd[i] = Math.Clamp(imageEnd - xmin, taps.ImageTapStart[i], xmax);
            }

            return taps;
        }
    }
}
