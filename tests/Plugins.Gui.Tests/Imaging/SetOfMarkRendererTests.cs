using System.Collections.Generic;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;
using SkiaSharp;

namespace Plugins.Gui.Tests.Imaging;

public sealed class SetOfMarkRendererTests
{
    private static GuiCandidate Candidate(int id, double x, double y, double width, double height) => new()
    {
        Id = id,
        Source = CandidateSource.Dom,
        Role = "button",
        Name = "b" + id,
        Box = new CssRect(x, y, width, height),
    };

    [Fact]
    public void Render_Box_ChangesTheBorderButNotTheCentre()
    {
        // Arrange
        var screenshot = TestImages.Create(400, 300);
        var candidate = Candidate(1, 100, 100, 120, 60);

        // Act
        var marked = SetOfMarkRenderer.Render(screenshot, [candidate]);

        // Assert
        Assert.Equal(400, marked.Width);
        Assert.Equal(300, marked.Height);
        Assert.NotEqual(SKColors.White, TestImages.PixelAt(marked, 100, 130)); // left border
        Assert.NotEqual(SKColors.White, TestImages.PixelAt(marked, 160, 100)); // top border
        Assert.Equal(SKColors.White, TestImages.PixelAt(marked, 160, 130)); // centre stays visible
        Assert.Equal(SKColors.White, TestImages.PixelAt(screenshot, 100, 130)); // the input is untouched
    }

    [Fact]
    public void Render_Label_DrawsAFilledTagWithText()
    {
        // Arrange
        var screenshot = TestImages.Create(400, 300);

        // Act
        var marked = SetOfMarkRenderer.Render(screenshot, [Candidate(7, 100, 100, 120, 60)]);

        // Assert: the tag sits above the box's top-left corner; it holds the box colour and contrasting text pixels.
        using var bitmap = SKBitmap.Decode(marked.Png.ToArray());
        var colours = new HashSet<SKColor>();
        for (var y = 84; y < 100; y++)
        {
            for (var x = 100; x < 116; x++)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.NotEqual(SKColors.White, bitmap.GetPixel(101, 86));
        Assert.True(colours.Count >= 2, "The tag should hold its fill and the label's text.");
    }

    [Fact]
    public void PlaceTag_BoxAtTheTop_GoesBelowNotOverTheCentre()
    {
        // Arrange
        var box = new SKRect(10, 0, 60, 20);

        // Act
        var tag = SetOfMarkRenderer.PlaceTag(box, 20, 16, new SKRect(0, 0, 400, 300), []);

        // Assert
        Assert.Equal(20, tag.Top);
        Assert.False(tag.Contains(box.MidX, box.MidY));
    }

    [Fact]
    public void PlaceTag_SecondTagWouldOverlap_MovesElsewhere()
    {
        // Arrange
        var box = new SKRect(100, 100, 200, 140);
        var first = SetOfMarkRenderer.PlaceTag(box, 20, 16, new SKRect(0, 0, 400, 300), []);

        // Act
        var second = SetOfMarkRenderer.PlaceTag(box, 20, 16, new SKRect(0, 0, 400, 300), [first]);

        // Assert
        Assert.False(first.IntersectsWith(second));
    }

    [Fact]
    public void Render_EmptyList_ReturnsTheSameSizeImage()
    {
        // Act
        var marked = SetOfMarkRenderer.Render(TestImages.Create(50, 40), []);

        // Assert
        Assert.Equal(SKColors.White, TestImages.PixelAt(marked, 25, 20));
        Assert.Equal(50, marked.Width);
    }
}
