using System;

namespace LocalModel.Imaging;

/// <summary>
/// The colour Pillow gives pixels that ImageSharp leaves transparent in a GIF's first frame.
/// Pillow keeps the frame as palette indices, so <c>convert("RGB")</c> shows the palette colour
/// of the transparent index (and outside the frame rectangle the canvas fill: the transparent
/// index if there is one, else index 0). ImageSharp 2.1 writes transparent black instead.
/// </summary>
internal static class GifFirstFrame
{
    /// <summary>
    /// Finds the fill colour for transparent pixels of the first frame. Returns false when the
    /// framing cannot be read (the decoder's output is then kept as it is).
    /// </summary>
    public static bool TryGetTransparentFill(ReadOnlySpan<byte> data, out byte r, out byte g, out byte b)
    {
        r = g = b = 0;
        if (data.Length < 13)
        {
            return false;
        }

        long pos = 13;
        var flags = data[10];
        var globalStart = -1L;
        var globalLength = 0L;
        if ((flags & 0x80) != 0)
        {
            globalStart = pos;
            globalLength = 3L << ((flags & 7) + 1);
            pos += globalLength;
        }

        var transparentIndex = -1;
        while (pos < data.Length)
        {
            var block = data[(int)pos++];
            if (block == 0x21)
            {
                if (pos >= data.Length)
                {
                    return false;
                }

                var label = data[(int)pos++];

                // Graphic control extension: block size 4, flags, delay (2), transparent index.
                if (label == 0xF9 && pos + 5 <= data.Length && data[(int)pos] == 4)
                {
                    transparentIndex = (data[(int)pos + 1] & 1) != 0 ? data[(int)pos + 4] : -1;
                }

                if (!SkipSubBlocks(data, ref pos))
                {
                    return false;
                }
            }
            else if (block == 0x2C)
            {
                if (pos + 9 > data.Length)
                {
                    return false;
                }

                var localFlags = data[(int)pos + 8];
                var paletteStart = globalStart;
                var paletteLength = globalLength;
                if ((localFlags & 0x80) != 0)
                {
                    paletteStart = pos + 9;
                    paletteLength = 3L << ((localFlags & 7) + 1);
                }

                var index = transparentIndex >= 0 ? transparentIndex : 0;
                if (paletteStart >= 0 && (index * 3) + 3 <= paletteLength && paletteStart + (index * 3) + 3 <= data.Length)
                {
                    var entry = data.Slice((int)(paletteStart + (index * 3)), 3);
                    r = entry[0];
                    g = entry[1];
                    b = entry[2];
                }

                return true;
            }
            else
            {
                return false;
            }
        }

        return false;
    }

    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref long pos)
    {
        while (pos < data.Length)
        {
            var size = data[(int)pos];
            pos += 1 + size;
            if (size == 0)
            {
                return pos <= data.Length;
            }
        }

        return false;
    }
}
