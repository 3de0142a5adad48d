using System;
using System.Buffers.Binary;
using LocalModel.Tests.Imaging;

namespace LocalModel.Tests.Robustness;

/// <summary>Hand-made malformed image files.</summary>
internal static class BadImages
{
    private static readonly byte[] PngSignature = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>
    /// A well-formed PNG whose IHDR declares <paramref name="width"/> x <paramref name="height"/> 8-bit RGB, followed by
    /// a tiny IDAT and IEND: the header is valid, the pixel data is nowhere near the declared size.
    /// </summary>
    public static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB

        // zlib stream of a single empty stored block: a valid but (far too) short IDAT.
        return CraftedPng.Build(ihdr, new byte[] { 0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01 });
    }

    /// <summary>Deterministic pseudo-random bytes that match no image signature.</summary>
    public static byte[] Noise(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x00;
        return bytes;
    }

    /// <summary>A PNG signature followed by noise (no valid IHDR).</summary>
    public static byte[] PngSignatureThenNoise(int length)
    {
        var bytes = Noise(length);
        PngSignature.CopyTo(bytes, 0);
        return bytes;
    }
}
