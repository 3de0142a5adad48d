using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Agents.Training.Tests.Gui;

/// <summary>Plain PNG screenshots for the tests.</summary>
internal static class Screens
{
    public static PageScreenshot Blank(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new PageScreenshot(data.ToArray(), width, height);
    }
}
