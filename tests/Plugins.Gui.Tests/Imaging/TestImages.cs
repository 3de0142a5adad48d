using System;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Tests.Imaging;

/// <summary>Small PNG screenshots drawn with SkiaSharp for the pixel tests.</summary>
internal static class TestImages
{
    /// <summary>A <paramref name="width"/> x <paramref name="height"/> image filled with <paramref name="color"/> (white by default), after <paramref name="draw"/> ran on it.</summary>
    public static PageScreenshot Create(int width, int height, SKColor? color = null, Action<SKCanvas>? draw = null)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(color ?? SKColors.White);
            draw?.Invoke(canvas);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new PageScreenshot(data.ToArray(), width, height);
    }

    /// <summary>The colour of pixel (x, y) of a PNG screenshot.</summary>
    public static SKColor PixelAt(PageScreenshot screenshot, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(screenshot.Png.ToArray());
        return bitmap.GetPixel(x, y);
    }

    /// <summary>A horizontal gradient, so every column has its own colour (for crop and resize checks).</summary>
    public static PageScreenshot Gradient(int width, int height) => Create(width, height, draw: canvas =>
    {
        using var paint = new SKPaint();
        for (var x = 0; x < width; x++)
        {
            paint.Color = new SKColor((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(255 - (x * 255 / Math.Max(1, width - 1))), 128);
            canvas.DrawRect(x, 0, 1, height, paint);
        }
    });
}
