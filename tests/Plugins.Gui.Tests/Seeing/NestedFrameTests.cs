using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class NestedFrameTests(ChromiumFixture chromium)
{
    // Outer frame at (50, 60) with a 2 px border; inner frame at (30, 40) inside it with a 3 px border and 4 px
    // padding; the button at (5, 6) inside that: (50+2+30+3+4+5, 60+2+40+3+4+6) = (94, 115).
    private const string Html =
        "<body style='margin:0'><iframe id='outer' style='position:absolute;left:50px;top:60px;width:400px;height:300px;"
        + "border:2px solid black;padding:0' srcdoc=\"<body style='margin:0'><iframe id='inner-frame' "
        + "style='position:absolute;left:30px;top:40px;width:200px;height:100px;border:3px solid red;padding:4px' "
        + "srcdoc='&lt;body style=&quot;margin:0&quot;&gt;&lt;button onclick=&quot;top.clicked=1&quot; "
        + "style=&quot;position:absolute;left:5px;top:6px;width:50px;height:20px&quot;&gt;Deep&lt;/button&gt;'>"
        + "</iframe></body>\"></iframe><script>window.clicked = 0;</script></body>";

    private static readonly CssRect _deepBox = new(94, 115, 50, 20);

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    public async Task ObserveAsync_IframeInsideIframe_OffsetsAddUpAndClickReachesButton(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(Html, 800, 600, scale);

        // Act
        var deep = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Deep");
        await page.Mouse.ClickAsync((float)deep.Box.Center.X, (float)deep.Box.Center.Y);

        // Assert
        PageObserverCoordinateTests.AssertBox(_deepBox, deep.Box);
        Assert.Equal(["#outer", "#inner-frame"], deep.Reference!.FramePath);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.clicked"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ResolverHitTesterAndTargetBoxes_IframeInsideIframe_AgreeOnTheBox()
    {
        // Arrange
        var page = await chromium.NewPageAsync(Html);
        var deep = (await new PageObserver().ObserveAsync(page)).Candidates.Single(c => c.Name == "Deep");

        // Act
        var resolved = await new ElementResolver().ResolveAsync(page, deep.Reference!);
        var hit = await new HitTester().HitTestAsync(page, deep.Box.Center, deep);
        var target = await TargetBoxes.BoxOfSelectorAsync(page, "iframe#outer >>> iframe#inner-frame >>> button", scrollIntoView: false);

        // Assert
        Assert.NotNull(resolved);
        PageObserverCoordinateTests.AssertBox(_deepBox, resolved.Box);
        Assert.True(hit.HitsExpected, hit.TopElement);
        PageObserverCoordinateTests.AssertBox(_deepBox, target!.Value);
        await page.CloseAsync();
    }
}
