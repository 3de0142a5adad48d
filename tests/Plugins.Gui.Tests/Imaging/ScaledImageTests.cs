using System;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Imaging;

public sealed class ScaledImageTests
{
    [Fact]
    public void FitLongestSide_Landscape_KeepsTheAspectAndInverts()
    {
        // Arrange
        var screenshot = TestImages.Gradient(1280, 800);

        // Act
        var scaled = ScaledImage.FitLongestSide(screenshot, 640);

        // Assert
        Assert.Equal(640, scaled.Image.Width);
        Assert.Equal(400, scaled.Image.Height);
        Assert.Equal(0.5, scaled.ScaleX, 9);
        Assert.Equal(0.5, scaled.ScaleY, 9);
        Assert.Equal(new CssPoint(200, 100), scaled.ToCss(100, 50));
        var (x, y) = scaled.FromCss(new CssPoint(1000, 700));
        Assert.Equal(new CssPoint(1000, 700), scaled.ToCss(x, y));
    }

    [Fact]
    public void FitLongestSide_SmallerImage_KeptUnlessUpscaleAllowed()
    {
        // Arrange
        var screenshot = TestImages.Create(300, 200);

        // Act
        var kept = ScaledImage.FitLongestSide(screenshot, 600);
        var enlarged = ScaledImage.FitLongestSide(screenshot, 600, allowUpscale: true);

        // Assert
        Assert.Same(screenshot, kept.Image);
        Assert.Equal(1, kept.ScaleX);
        Assert.Equal(600, enlarged.Image.Width);
        Assert.Equal(400, enlarged.Image.Height);
        Assert.Equal(new CssPoint(150, 100), enlarged.ToCss(300, 200));
    }

    [Fact]
    public void Resize_ExactSize_EachAxisKeepsItsFactor()
    {
        // Arrange
        var screenshot = TestImages.Gradient(1280, 800);

        // Act
        var scaled = ScaledImage.Resize(screenshot, 336, 336);

        // Assert
        Assert.Equal(336, scaled.Image.Width);
        Assert.Equal(336, scaled.Image.Height);
        var css = scaled.ToCss(168, 84);
        Assert.Equal(640, css.X, 6);
        Assert.Equal(200, css.Y, 6);
        var box = scaled.ToCss(0, 0, 336, 336);
        Assert.Equal(new CssRect(0, 0, 1280, 800), box);
    }

    [Fact]
    public void Resize_PixelsFollowTheScale()
    {
        // Arrange: column x of the gradient has red = x * 255 / 999.
        var screenshot = TestImages.Gradient(1000, 100);

        // Act
        var scaled = ScaledImage.Resize(screenshot, 500, 50);
        var pixel = TestImages.PixelAt(scaled.Image, 250, 25);

        // Assert: image x 250 is CSS x 500, red about 128.
        Assert.InRange(pixel.Red, 120, 136);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    public void Resize_BadSize_Throws(int width, int height)
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => ScaledImage.Resize(TestImages.Create(20, 20), width, height));
    }

    [Fact]
    public void FitLongestSide_NotAnImage_ThrowsNamingTheInput()
    {
        // Arrange
        var bogus = new PageScreenshot(new byte[] { 1, 2, 3, 4 }, 100, 100);

        // Act
        var error = Assert.Throws<ArgumentException>(() => ScaledImage.FitLongestSide(bogus, 50));

        // Assert
        Assert.Contains("not a PNG", error.Message, StringComparison.Ordinal);
    }
}
