using System;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Imaging;

public sealed class ScreenTilerTests
{
    [Fact]
    public void Plan_Desktop_StaysWhole()
    {
        // Act
        var plan = new ScreenTiler().Plan(1280, 800);

        // Assert
        Assert.Equal([new CssRect(0, 0, 1280, 800)], plan);
    }

    [Fact]
    public void Plan_Portrait_TopAndBottomHalvesOverlapping()
    {
        // Act
        var plan = new ScreenTiler(new ScreenTilerOptions { Overlap = 0.1 }).Plan(400, 1000);

        // Assert: two tiles of L with L * (2 - 0.1) = 1000, L = 526.3.
        Assert.Equal(2, plan.Count);
        Assert.Equal(0, plan[0].Y);
        Assert.Equal(0, plan[0].X);
        Assert.Equal(400, plan[0].Width);
        Assert.Equal(1000, plan[1].Bottom);
        Assert.True(plan[1].Y < plan[0].Bottom, "The tiles must overlap.");
        Assert.InRange(plan[0].Bottom - plan[1].Y, 50, 56);
    }

    [Fact]
    public void Plan_Landscape_LeftAndRightHalves()
    {
        // Act
        var plan = new ScreenTiler(new ScreenTilerOptions { Overlap = 0 }).Plan(2000, 600);

        // Assert
        Assert.Equal([new CssRect(0, 0, 1000, 600), new CssRect(1000, 0, 1000, 600)], plan);
    }

    [Fact]
    public void Plan_VeryTall_MoreTilesUpToTheLimit()
    {
        // Act
        var three = new ScreenTiler().Plan(400, 2400);
        var capped = new ScreenTiler(new ScreenTilerOptions { MaxTiles = 2 }).Plan(400, 4000);

        // Assert
        Assert.Equal(3, three.Count);
        Assert.Equal(2400, three[^1].Bottom);
        Assert.Equal(2, capped.Count);
    }

    [Fact]
    public void Split_Portrait_TilesKeepTheirOffsets()
    {
        // Arrange: a red square at (100, 900) in a 400x1000 screen.
        var screenshot = TestImages.Create(400, 1000, draw: canvas =>
        {
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Red };
            canvas.DrawRect(100, 900, 20, 20, paint);
        });

        // Act
        var tiles = new ScreenTiler().Split(screenshot);

        // Assert
        Assert.Equal(2, tiles.Count);
        var bottom = tiles[1];
        var local = bottom.FromCss(new CssPoint(110, 910));
        Assert.Equal(SkiaSharp.SKColors.Red, TestImages.PixelAt(bottom.Image, (int)local.X, (int)local.Y));
        Assert.Equal(new CssPoint(110, 910), bottom.ToCss(local.X, local.Y));
        Assert.Equal(bottom.Region.Height, bottom.Image.Height);
    }

    [Theory]
    [InlineData(0.5, 0.1, 4)]
    [InlineData(2, 0.6, 4)]
    [InlineData(2, 0.1, 1)]
    public void Constructor_BadOptions_Throw(double threshold, double overlap, int maxTiles)
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScreenTiler(new ScreenTilerOptions { AspectRatioThreshold = threshold, Overlap = overlap, MaxTiles = maxTiles }));
    }
}
