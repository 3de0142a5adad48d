using System;

namespace LocalModel.Imaging;

/// <summary>
/// An RGB image placed on a canvas filled with one colour (LLaVA's expand2square), described
/// without materialising the canvas: a thin image padded to a square would otherwise cost the
/// square of its long side. With no padding the canvas is the image itself.
/// </summary>
internal readonly struct CanvasSource
{
    public CanvasSource(RgbImage image, int width, int height, int imageX, int imageY, byte r, byte g, byte b)
    {
        Image = image;
        Width = width;
        Height = height;
        ImageX = imageX;
        ImageY = imageY;
        R = r;
        G = g;
        B = b;
    }

    public RgbImage Image { get; }

    /// <summary>Canvas width.</summary>
    public int Width { get; }

    /// <summary>Canvas height.</summary>
    public int Height { get; }

    /// <summary>Left edge of the image on the canvas.</summary>
    public int ImageX { get; }

    /// <summary>Top edge of the image on the canvas.</summary>
    public int ImageY { get; }

    public byte R { get; }

    public byte G { get; }

    public byte B { get; }

    /// <summary>Pixels of image row <paramref name="imageRow"/> (image coordinates).</summary>
    public ReadOnlySpan<byte> ImageRow(int imageRow) => Image.PixelSpan.Slice(imageRow * Image.Width * 3, Image.Width * 3);

    public bool IsImageRow(int canvasRow) => canvasRow >= ImageY && canvasRow < ImageY + Image.Height;
}
