using System;
using SkiaSharp;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>Grey-level image operations before OCR: greyscale, polarity normalisation, enlargement, inversion.</summary>
internal static class OcrPreprocessor
{
    /// <summary>Luminance (ITU-R BT.601 weights) of an RGBA bitmap, one byte per pixel, row-major.</summary>
    public static byte[] ToGrey(SKBitmap bitmap)
    {
        var width = bitmap.Width;
        var height = bitmap.Height;
        var grey = new byte[width * height];
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var red = bitmap.ColorType == SKColorType.Bgra8888 ? 2 : 0;
        var blue = 2 - red;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            var offset = y * width;
            for (var x = 0; x < width; x++)
            {
                var p = x * 4;
                grey[offset + x] = (byte)(((299 * row[p + red]) + (587 * row[p + 1]) + (114 * row[p + blue]) + 500) / 1000);
            }
        }

        return grey;
    }

    /// <summary>
    /// Makes text dark on light: a pixel is inverted when the grey levels in the (2r+1)² window around it skew towards
    /// bright (light text is the minority on a dark background: positive third central moment), or, where the window is
    /// nearly flat, when its mean is dark. Window sums come from integral images, so the cost is linear in the pixels.
    /// </summary>
    public static void NormalizePolarity(byte[] grey, int width, int height, int radius)
    {
        var stride = width + 1;
        var s1 = new long[stride * (height + 1)];
        var s2 = new long[s1.Length];
        var s3 = new long[s1.Length];
        for (var y = 0; y < height; y++)
        {
            long r1 = 0, r2 = 0, r3 = 0;
            var src = y * width;
            var up = y * stride;
            var at = (y + 1) * stride;
            for (var x = 0; x < width; x++)
            {
                long v = grey[src + x];
                r1 += v;
                r2 += v * v;
                r3 += v * v * v;
                s1[at + x + 1] = s1[up + x + 1] + r1;
                s2[at + x + 1] = s2[up + x + 1] + r2;
                s3[at + x + 1] = s3[up + x + 1] + r3;
            }
        }

        const double FlatVariance = 12 * 12;
        for (var y = 0; y < height; y++)
        {
            var top = Math.Max(0, y - radius) * stride;
            var bottom = (Math.Min(height - 1, y + radius) + 1) * stride;
            var rows = (bottom - top) / stride;
            for (var x = 0; x < width; x++)
            {
                var left = Math.Max(0, x - radius);
                var right = Math.Min(width - 1, x + radius) + 1;
                double n = rows * (right - left);
                var m1 = (s1[bottom + right] - s1[bottom + left] - s1[top + right] + s1[top + left]) / n;
                var m2 = (s2[bottom + right] - s2[bottom + left] - s2[top + right] + s2[top + left]) / n;
                var variance = m2 - (m1 * m1);
                bool invert;
                if (variance < FlatVariance)
                {
                    invert = m1 < 110;
                }
                else
                {
                    var m3 = (s3[bottom + right] - s3[bottom + left] - s3[top + right] + s3[top + left]) / n;
                    invert = m3 - (3 * m1 * m2) + (2 * m1 * m1 * m1) > 0;
                }

                if (invert)
                {
                    grey[(y * width) + x] = (byte)(255 - grey[(y * width) + x]);
                }
            }
        }
    }

    /// <summary>Bilinear enlargement of a grey image by <paramref name="factor"/>.</summary>
    public static byte[] Upscale(byte[] grey, int width, int height, double factor, out int newWidth, out int newHeight)
    {
        newWidth = Math.Max(1, (int)Math.Round(width * factor));
        newHeight = Math.Max(1, (int)Math.Round(height * factor));
        var result = new byte[newWidth * newHeight];
        var sx = (double)width / newWidth;
        var sy = (double)height / newHeight;
        var x0s = new int[newWidth];
        var fxs = new int[newWidth];
        for (var x = 0; x < newWidth; x++)
        {
            var fx = Math.Clamp(((x + 0.5) * sx) - 0.5, 0, width - 1);
            x0s[x] = (int)fx;
            fxs[x] = (int)((fx - x0s[x]) * 256);
        }

        for (var y = 0; y < newHeight; y++)
        {
            var fy = Math.Clamp(((y + 0.5) * sy) - 0.5, 0, height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(height - 1, y0 + 1);
            var wy = (int)((fy - y0) * 256);
            var row0 = y0 * width;
            var row1 = y1 * width;
            var dst = y * newWidth;
            for (var x = 0; x < newWidth; x++)
            {
                var x0 = x0s[x];
                var x1 = Math.Min(width - 1, x0 + 1);
                var wx = fxs[x];
                var top = (grey[row0 + x0] * (256 - wx)) + (grey[row0 + x1] * wx);
                var bottom = (grey[row1 + x0] * (256 - wx)) + (grey[row1 + x1] * wx);
                result[dst + x] = (byte)(((top * (256 - wy)) + (bottom * wy) + 32768) >> 16);
            }
        }

        return result;
    }

    /// <summary>A copy with every grey level inverted.</summary>
    public static byte[] Invert(byte[] grey)
    {
        var result = new byte[grey.Length];
        for (var i = 0; i < grey.Length; i++)
        {
            result[i] = (byte)(255 - grey[i]);
        }

        return result;
    }
}
