using System;
using SkiaSharp;

namespace Plugins.Gui.Grounding.Ocr;

/// <summary>Grey-level image operations before OCR: greyscale, background normalisation, enlargement, inversion.</summary>
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
    /// Makes every background white and every piece of ink dark, whatever its polarity (white text on a blue button,
    /// light text on a dark bar, dark text on a light page): pixels are joined into flat regions (4-neighbours whose grey
    /// levels differ by at most <paramref name="tolerance"/>); regions of at least <paramref name="minArea"/> pixels that
    /// are thick (area over boundary at least <paramref name="minThickness"/>, so letter strokes never count) are
    /// backgrounds and become white; every other pixel takes the grey level of the nearest background pixel (breadth-first
    /// from all backgrounds at once) and becomes <c>255 - gain * |grey - background|</c>. An image without any background
    /// region (a photo) is left as it is. Linear in the pixels.
    /// </summary>
    public static void NormalizeBackground(byte[] grey, int width, int height, int tolerance = 6, int minArea = 256, double minThickness = 4, double gain = 1.6)
    {
        var count = width * height;
        var parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
        }

        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var i = row + x;
                var v = grey[i];
                if (x > 0 && Math.Abs(v - grey[i - 1]) <= tolerance)
                {
                    Union(parent, i, i - 1);
                }

                if (y > 0 && Math.Abs(v - grey[i - width]) <= tolerance)
                {
                    Union(parent, i, i - width);
                }
            }
        }

        var area = new int[count];
        var boundary = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = Find(parent, i);
            area[parent[i]]++;
        }

        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var i = row + x;
                var root = parent[i];
                if ((x > 0 && parent[i - 1] != root) || (x < width - 1 && parent[i + 1] != root)
                    || (y > 0 && parent[i - width] != root) || (y < height - 1 && parent[i + width] != root))
                {
                    boundary[root]++;
                }
            }
        }

        var background = new byte[count];
        var visited = new bool[count];
        var queue = new int[count];
        int head = 0, tail = 0;
        for (var i = 0; i < count; i++)
        {
            var root = parent[i];
            if (area[root] >= minArea && area[root] >= minThickness * Math.Max(1, boundary[root]))
            {
                visited[i] = true;
                background[i] = grey[i];
                queue[tail++] = i;
            }
        }

        if (tail == 0)
        {
            return;
        }

        var members = tail;
        while (head < tail)
        {
            var p = queue[head++];
            var x = p % width;
            var bg = background[p];
            if (x > 0 && !visited[p - 1])
            {
                visited[p - 1] = true;
                background[p - 1] = bg;
                queue[tail++] = p - 1;
            }

            if (x < width - 1 && !visited[p + 1])
            {
                visited[p + 1] = true;
                background[p + 1] = bg;
                queue[tail++] = p + 1;
            }

            if (p >= width && !visited[p - width])
            {
                visited[p - width] = true;
                background[p - width] = bg;
                queue[tail++] = p - width;
            }

            if (p + width < count && !visited[p + width])
            {
                visited[p + width] = true;
                background[p + width] = bg;
                queue[tail++] = p + width;
            }
        }

        for (var k = 0; k < members; k++)
        {
            grey[queue[k]] = 255;
        }

        for (var k = members; k < tail; k++)
        {
            var p = queue[k];
            var ink = Math.Abs(grey[p] - background[p]) * gain;
            grey[p] = (byte)(255 - Math.Min(255, (int)ink));
        }
    }

    /// <summary>
    /// Erases rules and box outlines from a normalised (dark ink on white) image: connected dark components (grey under
    /// 140, 8-neighbours) that are thin lines (at most 3 pixels across and at least 20 long horizontally or 24 vertically)
    /// or hollow frames (at least 20x12 with ink on under 12% of their bounding box). Tesseract's layout analysis
    /// drops text that sits inside a frame (a bordered button or input), so frames go before recognition.
    /// </summary>
    public static void RemoveRulesAndFrames(byte[] grey, int width, int height)
    {
        const int Ink = 140;
        var count = width * height;
        var parent = new int[count];
        for (var i = 0; i < count; i++)
        {
            parent[i] = grey[i] < Ink ? i : -1;
        }

        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var i = row + x;
                if (parent[i] < 0)
                {
                    continue;
                }

                if (x > 0 && parent[i - 1] >= 0)
                {
                    Union(parent, i, i - 1);
                }

                if (y > 0)
                {
                    if (parent[i - width] >= 0)
                    {
                        Union(parent, i, i - width);
                    }

                    if (x > 0 && parent[i - width - 1] >= 0)
                    {
                        Union(parent, i, i - width - 1);
                    }

                    if (x < width - 1 && parent[i - width + 1] >= 0)
                    {
                        Union(parent, i, i - width + 1);
                    }
                }
            }
        }

        var minX = new int[count];
        var maxX = new int[count];
        var minY = new int[count];
        var maxY = new int[count];
        var area = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (parent[i] < 0)
            {
                continue;
            }

            var root = Find(parent, i);
            parent[i] = root;
            int x = i % width, y = i / width;
            if (area[root]++ == 0)
            {
                minX[root] = maxX[root] = x;
                minY[root] = maxY[root] = y;
            }
            else
            {
                minX[root] = Math.Min(minX[root], x);
                maxX[root] = Math.Max(maxX[root], x);
                minY[root] = Math.Min(minY[root], y);
                maxY[root] = Math.Max(maxY[root], y);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var root = parent[i];
            if (root < 0)
            {
                continue;
            }

            var w = maxX[root] - minX[root] + 1;
            var h = maxY[root] - minY[root] + 1;
            var rule = (h <= 3 && w >= 20) || (w <= 3 && h >= 24);
            var frame = w >= 20 && h >= 12 && area[root] < 0.12 * w * h;
            if (rule || frame)
            {
                grey[i] = 255;
            }
        }
    }

    private static int Find(int[] parent, int i)
    {
        var root = i;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[i] != root)
        {
            var next = parent[i];
            parent[i] = root;
            i = next;
        }

        return root;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
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
