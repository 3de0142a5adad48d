using System;
using System.Buffers.Binary;

namespace LocalModel.Imaging;

/// <summary>
/// Structural checks that find truncated files, which ImageSharp 2.1 often decodes silently
/// (missing JPEG scans, GIF data, BMP rows and WebP chunks come out black or grey) while Pillow
/// raises "image file is truncated". Each check reads the container framing only, with bounds
/// checks on every field, and allocates nothing. A file that passes may still be corrupt; the
/// decoder judges that.
/// </summary>
internal static class ImageContainerCheck
{
    /// <summary>Returns why the data is truncated, or null if it looks complete.</summary>
    public static string? FindTruncation(string formatName, ReadOnlySpan<byte> data) => formatName switch
    {
        "PNG" => Png(data),
        "JPEG" => Jpeg(data),
        "GIF" => Gif(data),
        "BMP" => Bmp(data),
        "Webp" => Webp(data),
        _ => null,
    };

    // Pillow reads IDAT until the image is complete and tolerates a missing IEND: the data is
    // truncated when it ends inside an IDAT chunk, or before the first IDAT chunk ends.
    private static string? Png(ReadOnlySpan<byte> data)
    {
        long pos = 8;
        var seenImageData = false;
        while (true)
        {
            if (pos + 8 > data.Length)
            {
                return seenImageData ? null : "the PNG data ends before its image data (IDAT) chunk";
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(int)pos..]);
            var type = data.Slice((int)pos + 4, 4);
            var isImageData = type.SequenceEqual("IDAT"u8);
            var isEnd = type.SequenceEqual("IEND"u8);
            var end = pos + 8 + length + 4;
            if (end > data.Length)
            {
                if (isImageData || !seenImageData)
                {
                    return $"the PNG data ends inside a {(isImageData ? "IDAT" : "header")} chunk ({data.Length} of {end} bytes)";
                }

                return null;
            }

            if (isEnd)
            {
                return seenImageData ? null : "the PNG data has no image data (IDAT) chunk";
            }

            seenImageData |= isImageData;
            pos = end;
        }
    }

    // Pillow (libjpeg) rejects a JPEG whose entropy-coded data is not followed by an EOI marker
    // (FF D9). Entropy-coded data cannot contain FF D9 (0xFF is stuffed as FF 00), so the marker
    // after the first scan header marks a complete file.
    private static string? Jpeg(ReadOnlySpan<byte> data)
    {
        var pos = 2;
        while (true)
        {
            // Find the next marker; fill bytes (0xFF) may precede it.
            if (pos >= data.Length)
            {
                return "the JPEG data ends before its first scan";
            }

            if (data[pos] != 0xFF)
            {
                return null; // Not marker framing: let the decoder judge.
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                return "the JPEG data ends before its first scan";
            }

            var marker = data[pos++];
            if (marker == 0xD9)
            {
                return null; // EOI before any scan: not a truncation; the decoder reports it.
            }

            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            {
                continue; // Stand-alone markers carry no length.
            }

            if (pos + 2 > data.Length)
            {
                return "the JPEG data ends inside a marker segment";
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2)
            {
                return null; // Malformed length: the decoder reports it.
            }

            if (pos + length > data.Length)
            {
                return "the JPEG data ends inside a marker segment";
            }

            pos += length;
            if (marker == 0xDA)
            {
                return data[pos..].IndexOf(EndOfImage) >= 0
                    ? null
                    : "the JPEG data is truncated (no end-of-image marker after the scan data)";
            }
        }
    }

    private static ReadOnlySpan<byte> EndOfImage => [0xFF, 0xD9];

    // Only the first frame is decoded; it is truncated when its image data ends inside a
    // sub-block (Pillow accepts data that stops at a sub-block boundary).
    private static string? Gif(ReadOnlySpan<byte> data)
    {
        const string Truncated = "the GIF data ends inside the first frame";
        if (data.Length < 13)
        {
            return "the GIF data ends inside its header";
        }

        long pos = 13;
        var flags = data[10];
        if ((flags & 0x80) != 0)
        {
            pos += 3L << ((flags & 7) + 1);
        }

        while (true)
        {
            if (pos >= data.Length)
            {
                return "the GIF data ends before its first frame";
            }

            var block = data[(int)pos++];
            if (block == 0x21)
            {
                // Extension: label, then sub-blocks up to a zero-length terminator.
                pos++;
                if (!SkipSubBlocks(data, ref pos, out var ended) || ended)
                {
                    return "the GIF data ends inside an extension block before the first frame";
                }
            }
            else if (block == 0x2C)
            {
                if (pos + 9 > data.Length)
                {
                    return Truncated;
                }

                var localFlags = data[(int)pos + 8];
                pos += 9;
                if ((localFlags & 0x80) != 0)
                {
                    pos += 3L << ((localFlags & 7) + 1);
                }

                pos++; // LZW minimum code size.
                if (pos > data.Length)
                {
                    return Truncated;
                }

                return SkipSubBlocks(data, ref pos, out _) ? null : Truncated;
            }
            else
            {
                return null; // Trailer or unknown block: the decoder judges.
            }
        }
    }

    /// <summary>Skips sub-blocks. Returns false when the data ends inside one; <paramref name="endedAtBoundary"/>
    /// is true when the data ends between sub-blocks before the terminator.</summary>
    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref long pos, out bool endedAtBoundary)
    {
        while (true)
        {
            if (pos >= data.Length)
            {
                endedAtBoundary = true;
                return true;
            }

            var size = data[(int)pos];
            pos += 1 + size;
            if (size == 0)
            {
                endedAtBoundary = false;
                return true;
            }

            if (pos > data.Length)
            {
                endedAtBoundary = false;
                return false;
            }
        }
    }

    // Uncompressed bitmaps: the last row must be present up to its last pixel byte (Pillow
    // accepts a missing final padding byte).
    private static string? Bmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 18)
        {
            return "the BMP data ends inside its header";
        }

        var offset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        long width, height, bitsPerPixel, compression;
        if (headerSize == 12 && data.Length >= 26)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
            compression = 0;
        }
        else if (headerSize >= 40 && data.Length >= 34)
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..]));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
        }
        else
        {
            return data.Length < 14 + headerSize ? "the BMP data ends inside its header" : null;
        }

        // BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS: fixed-size rows. RLE and others: the decoder judges.
        if ((compression != 0 && compression != 3 && compression != 6) || width <= 0 || height <= 0
            || bitsPerPixel is not (1 or 4 or 8 or 16 or 24 or 32))
        {
            return null;
        }

        var stride = ((width * bitsPerPixel) + 31) / 32 * 4;
        var required = offset + (stride * (height - 1)) + (((width * bitsPerPixel) + 7) / 8);
        return data.Length < required
            ? $"the BMP pixel data is truncated ({data.Length} of {required} bytes)"
            : null;
    }

    // libwebp (Pillow) needs the whole RIFF container as declared in its header.
    private static string? Webp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12)
        {
            return "the WebP data ends inside its header";
        }

        var declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        return data.Length < declared
            ? $"the WebP data is truncated ({data.Length} of {declared} bytes)"
            : null;
    }
}
