using System;

namespace LocalModel.Imaging;

/// <summary>
/// An immutable 8-bit RGB image: <see cref="Width"/> x <see cref="Height"/> pixels stored
/// row-major, 3 bytes per pixel (R, G, B), no row padding. This is what PIL calls mode "RGB".
/// Thread-safe: nothing can change after construction.
/// </summary>
public sealed class RgbImage
{
    private readonly byte[] _pixels;

    /// <summary>Creates an image from a copy of <paramref name="pixels"/>.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">Exactly <c>width * height * 3</c> bytes, row-major RGB.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive or the image is too large for one array.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> has the wrong length.</exception>
    public RgbImage(int width, int height, ReadOnlySpan<byte> pixels)
        : this(width, height, CheckedCopy(width, height, pixels))
    {
    }

    /// <summary>Takes ownership of <paramref name="pixels"/> without copying.</summary>
    internal RgbImage(int width, int height, byte[] pixels)
    {
        _ = ByteLength(width, height);
        if (pixels.Length != (long)width * height * 3)
        {
            throw new ArgumentException(
                $"Expected {(long)width * height * 3} bytes for a {width}x{height} RGB image, got {pixels.Length}.",
                nameof(pixels));
        }

        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Gets the width in pixels.</summary>
    public int Width { get; }

    /// <summary>Gets the height in pixels.</summary>
    public int Height { get; }

    /// <summary>Gets the pixels: row-major, 3 bytes per pixel in R, G, B order.</summary>
    public ReadOnlyMemory<byte> Pixels => _pixels;

    /// <summary>Gets the pixels as a span without copying.</summary>
    internal ReadOnlySpan<byte> PixelSpan => _pixels;

    private static byte[] CheckedCopy(int width, int height, ReadOnlySpan<byte> pixels)
    {
        var length = ByteLength(width, height);
        if (pixels.Length != length)
        {
            throw new ArgumentException(
                $"Expected {length} bytes for a {width}x{height} RGB image, got {pixels.Length}.",
                nameof(pixels));
        }

        return pixels.ToArray();
    }

    private static int ByteLength(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var length = (long)width * height * 3;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"A {width}x{height} RGB image does not fit in one array.");
        }

        return (int)length;
    }
}
