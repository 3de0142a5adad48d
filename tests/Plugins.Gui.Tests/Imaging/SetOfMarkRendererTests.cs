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

        // Assert: the tag sits above the box's top-left corner, filled with the box colour (olive for id 7, so the
        // digit is white): inside the tag there are fill pixels and light text pixels.
        using var bitmap = SKBitmap.Decode(marked.Png.ToArray());
        var fill = 0;
        var text = 0;
        for (var y = 86; y < 98; y++)
        {
            for (var x = 101; x < 109; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel == new SKColor(128, 128, 0))
                {
                    fill++;
                }
                else if (pixel.Red > 200 && pixel.Green > 200 && pixel.Blue > 200)
                {
                    text++;
                }
            }
        }

        Assert.True(fill > 20, $"Only {fill} fill pixels in the tag.");
        Assert.True(text > 4, $"Only {text} text pixels in the tag: the label's digit was not drawn.");
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
