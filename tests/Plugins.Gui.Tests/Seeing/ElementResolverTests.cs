using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class ElementResolverTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ResolveAsync_AfterInnerHtmlRerender_FindsTheSameLogicalElement()
    {
        // Arrange: the second "Save" button (ordinal 1), then the list is re-rendered with new nodes and a new first
        // button, so that the old CSS path (the third button) now names "Delete".
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));
        var saves = (await new PageObserver().ObserveAsync(page)).Candidates.Where(c => c.Name == "Save").ToList();
        var second = saves[1];
        await page.EvaluateAsync("() => rerender()");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, second.Reference!);

        // Assert
        Assert.Equal(1, second.Reference!.Ordinal);
        Assert.NotNull(resolved);
        Assert.Equal("c", await resolved.Locator.GetAttributeAsync("data-n"));
        Assert.Equal("Save", await resolved.Locator.TextContentAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolveAsync_AfterReplaceWithClone_FindsTheClone()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));
        var delete = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Delete");
        await page.EvaluateAsync(
            "() => { const b = document.querySelector('[data-n=\"2\"]'); const c = b.cloneNode(true);"
            + " c.dataset.n = 'clone'; b.replaceWith(c); }");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, delete.Reference!);

        // Assert
        Assert.NotNull(resolved);
        Assert.Equal("clone", await resolved.Locator.GetAttributeAsync("data-n"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolveAsync_ElementRemoved_ReturnsNullEvenWhenASiblingTakesItsCssPath()
    {
        // Arrange: removing "Delete" moves the last "Save" into Delete's nth-of-type place.
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;
        var delete = candidates.Single(c => c.Name == "Delete");
        var lastSave = candidates.Where(c => c.Name == "Save").Last();
        await page.EvaluateAsync("() => { document.querySelector('[data-n=\"2\"]').remove(); }");

        // Act
        var resolvedDelete = await new ElementResolver().ResolveAsync(page, delete.Reference!);
        await page.EvaluateAsync("() => { document.querySelector('[data-n=\"3\"]').remove(); }");
        var resolvedSave = await new ElementResolver().ResolveAsync(page, lastSave.Reference!);

        // Assert
        Assert.Null(resolvedDelete);
        Assert.Null(resolvedSave);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolveAsync_StaticTextWithoutAriaRole_FallsBackToCssPath()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));
        var note = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Changes are kept for 30 days");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, note.Reference!);

        // Assert
        Assert.Equal("text", note.Role);
        Assert.NotNull(resolved);
        Assert.Equal("note", await resolved.Locator.GetAttributeAsync("id"));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public async Task ResolveAsync_ElementInsideIframe_BoxIsInTopViewportCssPixels(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);
        var inner = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Inner pay");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, inner.Reference!);

        // Assert
        Assert.NotNull(resolved);
        PageObserverCoordinateTests.AssertBox(new CssRect(132, 322, 90, 30), resolved.Box);
        await resolved.Locator.ClickAsync();
        Assert.Equal(["inner"], await page.EvaluateAsync<string[]>("() => window.clicks"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolveAsync_ElementHiddenAfterObservation_ReturnsNull()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));
        var delete = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Delete");
        await page.EvaluateAsync("() => { document.querySelector('[data-n=\"2\"]').style.display = 'none'; }");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, delete.Reference!);

        // Assert
        Assert.Null(resolved);
        await page.CloseAsync();
    }
}
