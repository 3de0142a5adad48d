using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class HitTesterTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task HitTestAsync_UncoveredButton_HitsExpectedAndNotCovered()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-overlay.html"));
        var buy = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Buy now");

        // Act
        var result = await new HitTester().HitTestAsync(page, buy.Box.Center, buy);

        // Assert
        Assert.True(result.HitsExpected);
        Assert.False(result.IsCovered);
        Assert.Null(result.CoveringElement);
        Assert.Equal("button#buy \"Buy now\"", result.TopElement);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_ButtonUnderCookieBanner_ReportsBannerAndItsText()
    {
        // Arrange: the checkout button (y 520..560) lies under the fixed banner (y 480..600).
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-overlay.html"));
        var checkout = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Checkout");

        // Act
        var result = await new HitTester().HitTestAsync(page, checkout.Box.Center, checkout);

        // Assert
        Assert.False(result.HitsExpected);
        Assert.True(result.IsCovered);
        Assert.NotNull(result.CoveringElement);
        Assert.StartsWith("div#cookie-banner \"We use cookies to improve your experience.", result.CoveringElement, System.StringComparison.Ordinal);
        Assert.StartsWith("div#cookie-banner", result.TopElement, System.StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_ModalOpened_ReportsBackdropWithDialogText()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-overlay.html"));
        var buy = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Buy now");
        await page.EvaluateAsync("() => openModal()");

        // Act
        var result = await new HitTester().HitTestAsync(page, buy.Box.Center, buy);

        // Assert
        Assert.True(result.IsCovered);
        Assert.Equal("div#modal-backdrop \"Confirm your order OK\"", result.CoveringElement);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_PointOutsideExpectedBox_NeitherHitNorCovered()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-overlay.html"));
        var buy = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Buy now");

        // Act: a point on the empty body, right of the button.
        var result = await new HitTester().HitTestAsync(page, new CssPoint(buy.Box.Right + 100, buy.Box.Center.Y), buy);

        // Assert
        Assert.False(result.HitsExpected);
        Assert.False(result.IsCovered);
        Assert.Null(result.CoveringElement);
        Assert.Matches("^(html|body)", result.TopElement);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_ButtonInsideIframe_DescendsIntoFrameAndHits()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"));
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;
        var inner = candidates.Single(c => c.Name == "Inner pay");
        var red = candidates.Single(c => c.Name == "Red one");

        // Act
        var onInner = await new HitTester().HitTestAsync(page, inner.Box.Center, inner);
        var redExpectedAtInner = await new HitTester().HitTestAsync(page, inner.Box.Center, red);

        // Assert
        Assert.True(onInner.HitsExpected);
        Assert.Equal("button#inner \"Inner pay\"", onInner.TopElement);
        Assert.False(redExpectedAtInner.HitsExpected);
        Assert.False(redExpectedAtInner.IsCovered);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_OverlayCoversIframeButton_ReportsOverlayFromTopDocument()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"));
        var inner = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Inner pay");
        await page.EvaluateAsync(
            "() => { const d = document.createElement('div'); d.id = 'promo'; d.textContent = 'Sale ends today';"
            + " d.style.cssText = 'position:fixed;left:0;top:280px;width:800px;height:200px;background:gold';"
            + " document.body.appendChild(d); }");

        // Act
        var result = await new HitTester().HitTestAsync(page, inner.Box.Center, inner);

        // Assert
        Assert.False(result.HitsExpected);
        Assert.True(result.IsCovered);
        Assert.Equal("div#promo \"Sale ends today\"", result.CoveringElement);
        await page.CloseAsync();
    }

    [Fact]
    public async Task HitTestAsync_NoExpectedCandidate_ReportsOnlyTopElement()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-overlay.html"));

        // Act
        var result = await new HitTester().HitTestAsync(page, new CssPoint(100, 560), null);

        // Assert
        Assert.False(result.HitsExpected);
        Assert.False(result.IsCovered);
        Assert.StartsWith("div#cookie-banner", result.TopElement, System.StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
