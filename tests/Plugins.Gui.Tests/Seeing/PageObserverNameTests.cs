using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class PageObserverNameTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData("close", "button", "Close dialog")]
    [InlineData("query", "textbox", "Search the shop")]
    [InlineData("email", "textbox", "Email address")]
    [InlineData("remember", "checkbox", "Remember me")]
    [InlineData("city", "textbox", "Your city")]
    [InlineData("logo", "img", "Company logo")]
    [InlineData("about", "link", "About us")]
    [InlineData("country", "combobox", "")]
    [InlineData("find", "searchbox", "Find products")]
    [InlineData("quantity", "spinbutton", "Quantity")]
    [InlineData("volume", "slider", "Volume")]
    [InlineData("settings-tab", "tab", "Settings")]
    [InlineData("send", "button", "Send")]
    [InlineData("card", "generic", "Clickable card")]
    public async Task ObserveAsync_NamesPage_RoleAndAccessibleNameAreRight(string id, string role, string name)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));

        // Act
        var observation = await new PageObserver().ObserveAsync(page);

        // Assert
        var candidate = Assert.Single(observation.Candidates, c => c.Reference!.CssPath == "#" + id);
        Assert.Equal(role, candidate.Role);
        Assert.Equal(name, candidate.Name);
        Assert.Equal(role != "img", candidate.IsInteractive);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_NamesPage_LabelPlaceholderTitleAndValueAreReported()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert
        var byId = candidates.Where(c => c.Reference!.CssPath.StartsWith('#')).ToDictionary(c => c.Reference!.CssPath[1..]);
        Assert.Equal("Email address", byId["email"].Label);
        Assert.Equal("Search the shop", byId["query"].Label);
        Assert.Equal("checked", byId["remember"].Value);
        Assert.Equal("Your city", byId["city"].Placeholder);
        Assert.Equal("Quantity", byId["quantity"].Title);
        Assert.Equal("3", byId["quantity"].Value);
        Assert.Equal("Japan", byId["country"].Value);
        Assert.Equal("input", byId["email"].Tag);
        Assert.Equal("X", byId["close"].Text);
        Assert.Equal([1], new[] { candidates[0].Id });
        Assert.Equal(Enumerable.Range(1, candidates.Count), candidates.Select(c => c.Id));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_StaticText_HeadingsParagraphsAndLabelsAreIncludedAsNonInteractive()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert
        var heading = Assert.Single(candidates, c => c.Name == "Latest news");
        Assert.Equal("heading", heading.Role);
        Assert.False(heading.IsInteractive);
        var paragraph = Assert.Single(candidates, c => c.Name == "Free delivery on orders over 50 euros");
        Assert.Equal("text", paragraph.Role);
        Assert.False(paragraph.IsInteractive);
        Assert.Equal("rgb(0, 0, 0)", paragraph.TextColor);
        var label = Assert.Single(candidates, c => c.Role == "label" && c.Name == "Email address");
        Assert.True(label.IsInteractive);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_WithoutStaticText_OnlyInteractiveCandidates()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));
        var observer = new PageObserver(new PageObserverOptions { IncludeStaticText = false });

        // Act
        var candidates = (await observer.ObserveAsync(page)).Candidates;

        // Assert
        Assert.NotEmpty(candidates);
        Assert.All(candidates, c => Assert.True(c.IsInteractive, $"{c.Role} '{c.Name}' is not interactive"));
        Assert.DoesNotContain(candidates, c => c.Name == "Latest news");
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("Display none")]
    [InlineData("Visibility hidden")]
    [InlineData("Opacity zero")]
    [InlineData("Aria hidden")]
    [InlineData("Off screen")]
    [InlineData("Zero size")]
    [InlineData("Inside transparent")]
    public async Task ObserveAsync_HiddenElement_IsExcluded(string name)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert
        Assert.DoesNotContain(candidates, c => c.Name == name || c.Text == name);
        Assert.DoesNotContain(candidates, c => c.Value == "secret");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_MaxCandidates_KeepsInteractiveFirst()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-names.html"));
        var observer = new PageObserver(new PageObserverOptions { MaxCandidates = 5 });

        // Act
        var candidates = (await observer.ObserveAsync(page)).Candidates;

        // Assert
        Assert.Equal(5, candidates.Count);
        Assert.All(candidates, c => Assert.True(c.IsInteractive));
        await page.CloseAsync();
    }

    [Fact]
    public void PageObserver_MaxCandidatesZero_ThrowsNamingTheOption()
    {
        // Act
        var error = Assert.Throws<System.ArgumentOutOfRangeException>(
            () => new PageObserver(new PageObserverOptions { MaxCandidates = 0 }));

        // Assert
        Assert.Contains("MaxCandidates", error.Message, System.StringComparison.Ordinal);
    }
}
