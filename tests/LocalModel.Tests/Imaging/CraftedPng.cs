using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace LocalModel.Tests.Imaging;

/// <summary>Builds PNG files chunk by chunk, with valid CRCs, for header-level tests.</summary>
internal static class CraftedPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An RGB 8-bit PNG whose IHDR declares <paramref name="width"/> x <paramref name="height"/>
    /// and whose IDAT holds <paramref name="rows"/> zero rows (compressed), or none.</summary>
    public static byte[] Rgb(int width, int height, int rows)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB
        return Build(ihdr, ZeroRows(rows, 1 + (Math.Max(width, 0) * 3)));
    }

    public static byte[] Build(byte[] ihdr, byte[] idat)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", idat);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static byte[] ZeroRows(int rows, int rowBytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[rowBytes]; // filter type 0, then zero samples
            for (var i = 0; i < rows; i++)
            {
                zlib.Write(row);
            }
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        stream.Write(header);
        stream.Write(payload);
        var crcInput = new byte[4 + payload.Length];
        header.AsSpan(4).CopyTo(crcInput);
        payload.CopyTo(crcInput, 4);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(crcInput));
        stream.Write(crc);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
