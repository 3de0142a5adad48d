using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class ScrollContainerTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ObserveAsync_ScrollContainer_RowsOutsideItAreExcludedAndTheCutOneIsClipped()
    {
        // Arrange: a 100 px high box (content from y 21) of 30 px rows: rows 1-3 fit, row 4 (y 111..141) is cut at 121.
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-scroll-box.html"));

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert
        var mails = candidates.Where(c => c.Name.StartsWith("Mail ", System.StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Assert.Equal(["Mail 1", "Mail 2", "Mail 3", "Mail 4"], mails);
        var fourth = candidates.Single(c => c.Name == "Mail 4");
        PageObserverCoordinateTests.AssertBox(new CssRect(21, 111, 280, 10), fourth.Box);
        Assert.Single(candidates, c => c.Name == "Escapes the clip");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_ContainerScrolled_ShowsTheRowsNowInside()
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-scroll-box.html"));
        await page.EvaluateAsync("() => { document.getElementById('inbox').scrollTop = 120; }");

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert: content y 120..220 shows now: rows 5-8, row 5 at the box's top, row 8 (210..240) cut at 220.
        var mails = candidates.Where(c => c.Name.StartsWith("Mail ", System.StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Assert.Equal(["Mail 5", "Mail 6", "Mail 7", "Mail 8"], mails);
        PageObserverCoordinateTests.AssertBox(new CssRect(21, 21, 280, 30), candidates.Single(c => c.Name == "Mail 5").Box);
        PageObserverCoordinateTests.AssertBox(new CssRect(21, 111, 280, 10), candidates.Single(c => c.Name == "Mail 8").Box);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_IframeInsideScrollBox_InnerElementsAreClippedByTheBox()
    {
        // Arrange: a 100 px high box holding a 200 px high iframe; its second button lies below the box's bottom.
        var page = await chromium.NewPageAsync(
            "<body style='margin:0'><div style='position:absolute;left:10px;top:10px;width:300px;height:100px;overflow:auto'>"
            + "<iframe style='display:block;width:280px;height:200px;border:0' srcdoc=\"<body style='margin:0'>"
            + "<button style='position:absolute;top:20px;height:30px'>Visible pay</button>"
            + "<button style='position:absolute;top:150px;height:30px'>Hidden pay</button></body>\"></iframe></div></body>");

        // Act
        var candidates = (await new PageObserver().ObserveAsync(page)).Candidates;

        // Assert
        var visible = Assert.Single(candidates, c => c.Name == "Visible pay");
        Assert.Equal(30, visible.Box.Y, 1);
        Assert.DoesNotContain(candidates, c => c.Name == "Hidden pay");
        await page.CloseAsync();
    }
}
