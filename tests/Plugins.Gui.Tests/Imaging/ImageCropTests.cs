using System;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Imaging;

public sealed class ImageCropTests
{
    [Fact]
    public void Region_CropAndZoom_MapsBackToTheScreenshot()
    {
        // Arrange
        var screenshot = TestImages.Gradient(1000, 200);

        // Act
        var zoomed = ImageCrop.Region(screenshot, new CssRect(400, 50, 100, 40), 3);

        // Assert
        Assert.Equal(300, zoomed.Image.Width);
        Assert.Equal(120, zoomed.Image.Height);
        Assert.Equal(new CssRect(400, 50, 100, 40), zoomed.Region);
        Assert.Equal(new CssPoint(450, 70), zoomed.ToCss(150, 60));
        var red = TestImages.PixelAt(zoomed.Image, 150, 60).Red;
        Assert.InRange(red, 108, 122); // column 450 of the gradient: 450 * 255 / 999 = 115
    }

    [Fact]
    public void Around_NearTheEdge_ShiftsTheWindowInside()
    {
        // Arrange
        var screenshot = TestImages.Create(400, 300);

        // Act
        var zoomed = ImageCrop.Around(screenshot, new CssPoint(395, 5), 100, 60, 2);

        // Assert
        Assert.Equal(new CssRect(300, 0, 100, 60), zoomed.Region);
        Assert.Equal(200, zoomed.Image.Width);
    }

    [Fact]
    public void Region_OutsideTheImage_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => ImageCrop.Region(TestImages.Create(100, 100), new CssRect(200, 200, 10, 10), 2));
    }
}
