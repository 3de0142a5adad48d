using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;
using SkiaSharp;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class PageObserverCoordinateTests(ChromiumFixture chromium)
{
    private static readonly Dictionary<string, CssRect> _knownBoxes = new()
    {
        ["Red one"] = new CssRect(40, 30, 120, 40),
        ["Green one"] = new CssRect(300, 200, 100, 50),
        ["Blue one"] = new CssRect(600, 450, 150, 60),
    };

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(2f)]
    public async Task ObserveAsync_AtDeviceScaleFactor_BoxesAreKnownCssPositionsAndScreenshotIsViewportSized(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);

        // Act
        var observation = await new PageObserver().ObserveAsync(page);

        // Assert
        Assert.Equal(800, observation.Screenshot.Width);
        Assert.Equal(600, observation.Screenshot.Height);
        using (var bitmap = SKBitmap.Decode(observation.Screenshot.Png.ToArray()))
        {
            Assert.Equal(800, bitmap.Width);
            Assert.Equal(600, bitmap.Height);
        }

        Assert.Equal(scale, observation.DevicePixelRatio, 3);
        Assert.Equal("Coordinates", observation.Title);
        foreach (var (name, expected) in _knownBoxes)
        {
            var candidate = Assert.Single(observation.Candidates, c => c.Name == name);
            AssertBox(expected, candidate.Box);
            Assert.Equal("button", candidate.Role);
            Assert.True(candidate.IsInteractive);
        }

        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(2f)]
    public async Task ObserveAsync_AtDeviceScaleFactor_ScreenshotPixelAtBoxCentreIsElementBackground(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);

        // Act
        var observation = await new PageObserver().ObserveAsync(page);

        // Assert: image pixel (x, y) is CSS pixel (x, y); the centre (off the label text) shows the button's colour.
        using var bitmap = SKBitmap.Decode(observation.Screenshot.Png.ToArray());
        var checkedCount = 0;
        foreach (var candidate in observation.Candidates.Where(c => _knownBoxes.ContainsKey(c.Name) || c.Name == "Inner pay"))
        {
            Assert.NotNull(candidate.BackgroundColor);
            var expected = ParseRgb(candidate.BackgroundColor!);
            // A point near the box's top-left inside it, away from the centred label text.
            var probe = new CssPoint(candidate.Box.X + 4, candidate.Box.Y + 3);
            var pixel = bitmap.GetPixel((int)probe.X, (int)probe.Y);
            AssertColour(expected, pixel, $"{candidate.Name} at {probe}");
            checkedCount++;
        }

        Assert.Equal(4, checkedCount);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public async Task ObserveAsync_AfterScrolling_BoxesAreViewportRelativeAndMouseClickHitsElement(float scale)
    {
        // Arrange
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);
        await page.EvaluateAsync("() => window.scrollTo(0, 700)");

        // Act
        var observation = await new PageObserver().ObserveAsync(page);
        var deep = Assert.Single(observation.Candidates, c => c.Name == "Deep down");
        await page.Mouse.ClickAsync((float)deep.Box.Center.X, (float)deep.Box.Center.Y);

        // Assert
        Assert.Equal(new CssPoint(0, 700), observation.Scroll);
        AssertBox(new CssRect(250, 200, 140, 44), deep.Box);
        Assert.DoesNotContain(observation.Candidates, c => c.Name == "Red one");
        Assert.Equal(["deep"], await page.EvaluateAsync<string[]>("() => window.clicks"));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(2f)]
    public async Task ObserveAsync_SameOriginIframe_BoxIncludesFrameOffsetAndClickReachesInnerButton(float scale)
    {
        // Arrange: iframe at (100, 300) with a 5 px border and 7 px padding; the button at (20, 10) inside it.
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 800, 600, scale);

        // Act
        var observation = await new PageObserver().ObserveAsync(page);
        var inner = Assert.Single(observation.Candidates, c => c.Name == "Inner pay");
        await page.Mouse.ClickAsync((float)inner.Box.Center.X, (float)inner.Box.Center.Y);

        // Assert
        AssertBox(new CssRect(132, 322, 90, 30), inner.Box);
        Assert.Equal(["#frame"], inner.Reference!.FramePath);
        Assert.Equal(["inner"], await page.EvaluateAsync<string[]>("() => window.clicks"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ObserveAsync_ElementPartlyOutsideViewport_BoxIsClippedToViewport()
    {
        // Arrange: the blue button spans x 600..750, y 450..510; a 700x480 viewport cuts it.
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-coordinates.html"), 700, 480);

        // Act
        var observation = await new PageObserver().ObserveAsync(page);

        // Assert
        var blue = Assert.Single(observation.Candidates, c => c.Name == "Blue one");
        AssertBox(new CssRect(600, 450, 100, 30), blue.Box);
        Assert.Equal(700, observation.Screenshot.Width);
        Assert.Equal(480, observation.Screenshot.Height);
        await page.CloseAsync();
    }

    internal static void AssertBox(CssRect expected, CssRect actual)
    {
        var message = $"expected {expected}, got {actual}";
        Assert.True(Math.Abs(expected.X - actual.X) <= 1, message);
        Assert.True(Math.Abs(expected.Y - actual.Y) <= 1, message);
        Assert.True(Math.Abs(expected.Width - actual.Width) <= 1, message);
        Assert.True(Math.Abs(expected.Height - actual.Height) <= 1, message);
    }

    private static (int R, int G, int B) ParseRgb(string css)
    {
        var match = Regex.Match(css, @"^rgb\((\d+), (\d+), (\d+)\)$");
        Assert.True(match.Success, $"'{css}' is not rgb(r, g, b)");
        return (Parse(match.Groups[1].Value), Parse(match.Groups[2].Value), Parse(match.Groups[3].Value));

        static int Parse(string s) => int.Parse(s, CultureInfo.InvariantCulture);
    }

    private static void AssertColour((int R, int G, int B) expected, SKColor actual, string where)
    {
        var message = $"{where}: expected rgb{expected}, got rgb({actual.Red}, {actual.Green}, {actual.Blue})";
        Assert.True(Math.Abs(expected.R - actual.Red) <= 3, message);
        Assert.True(Math.Abs(expected.G - actual.Green) <= 3, message);
        Assert.True(Math.Abs(expected.B - actual.Blue) <= 3, message);
    }
}
