using System;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class TargetBoxesTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    public async Task BoxOfSelectorAsync_CrossingIframe_ReturnsBoxWithFrameOffset(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);

        // Act
        var box = await TargetBoxes.BoxOfSelectorAsync(page, "iframe#frame >>> #inner", scrollIntoView: false);

        // Assert
        Assert.NotNull(box);
        PageObserverCoordinateTests.AssertBox(new CssRect(132, 322, 90, 30), box.Value);
        await page.CloseAsync();
    }

    [Fact]
    public async Task BoxOfSelectorAsync_ScrollIntoView_ReturnsBoxInsideViewport()
    {
        // Arrange: #deep is at y 900 of a 600 px viewport.
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"));

        // Act
        var unscrolled = await TargetBoxes.BoxOfSelectorAsync(page, "#deep", scrollIntoView: false);
        var scrolled = await TargetBoxes.BoxOfSelectorAsync(page, "#deep", scrollIntoView: true);

        // Assert
        PageObserverCoordinateTests.AssertBox(new CssRect(250, 900, 140, 44), unscrolled!.Value);
        Assert.NotNull(scrolled);
        Assert.True(scrolled.Value.Y >= 0 && scrolled.Value.Bottom <= 600, $"box {scrolled} is outside the viewport");
        var scrollY = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.Equal(900 - scrollY, scrolled.Value.Y, 1);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("#missing", 0)]
    [InlineData("button", 4)]
    [InlineData("iframe#frame >>> #nothing", 0)]
    public async Task BoxOfSelectorAsync_NotExactlyOneMatch_ThrowsNamingSelectorAndCount(string selector, int count)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"));

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => TargetBoxes.BoxOfSelectorAsync(page, selector, scrollIntoView: false));

        // Assert
        Assert.Contains($"'{selector}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"matched {count} elements", error.Message, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task BoxOfSelectorAsync_TwoButtonsInsideFrame_Throws()
    {
        // Arrange
        var page = await chromium.NewPageAsync(
            "<iframe id='f' srcdoc='<button>a</button><button>b</button>'></iframe>");

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => TargetBoxes.BoxOfSelectorAsync(page, "iframe#f >>> button", scrollIntoView: false));

        // Assert
        Assert.Contains("matched 2 elements", error.Message, StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
