using System;

namespace LocalModel.Imaging;

/// <summary>
/// An RGB image placed on a larger canvas filled with one colour (LLaVA's expand2square), read
/// row by row without materialising the canvas. With no padding it is the image itself.
/// </summary>
internal readonly struct CanvasSource
{
    private readonly RgbImage _image;
    private readonly int _offsetX;
    private readonly int _offsetY;
    private readonly byte _r;
    private readonly byte _g;
    private readonly byte _b;

    public CanvasSource(RgbImage image, int width, int height, int offsetX, int offsetY, byte r, byte g, byte b)
    {
        _image = image;
        Width = width;
        Height = height;
        _offsetX = offsetX;
        _offsetY = offsetY;
        _r = r;
        _g = g;
        _b = b;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Copies canvas row <paramref name="y"/>, columns x0 .. x0 + count, as RGB bytes.</summary>
    public void CopyRow(int y, int x0, int count, Span<byte> destination)
    {
        var imageY = y - _offsetY;
        var imageX0 = Math.Max(x0, _offsetX);
        var imageX1 = Math.Min(x0 + count, _offsetX + _image.Width);
        if (imageY < 0 || imageY >= _image.Height || imageX0 >= imageX1)
        {
            Fill(destination[..(count * 3)]);
            return;
        }

        Fill(destination[..((imageX0 - x0) * 3)]);
        var pixels = _image.PixelSpan.Slice(((imageY * _image.Width) + (imageX0 - _offsetX)) * 3, (imageX1 - imageX0) * 3);
        pixels.CopyTo(destination[((imageX0 - x0) * 3)..]);
        Fill(destination.Slice((imageX1 - x0) * 3, (x0 + count - imageX1) * 3));
    }

    private void Fill(Span<byte> span)
    {
        for (var i = 0; i + 2 < span.Length; i += 3)
        {
            span[i] = _r;
            span[i + 1] = _g;
            span[i + 2] = _b;
        }
    }
}
