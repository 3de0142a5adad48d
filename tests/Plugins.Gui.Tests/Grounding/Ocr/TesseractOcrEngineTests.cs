using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;
using Xunit.Abstractions;

namespace Plugins.Gui.Tests.Grounding.Ocr;

public sealed class TesseractOcrEngineTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    internal static async Task<PageScreenshot> ScreenshotAsync(IPage page)
    {
        var viewport = page.ViewportSize!;
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Scale = ScreenshotScale.Css, Type = ScreenshotType.Png });
        return new PageScreenshot(png, viewport.Width, viewport.Height);
    }

    internal static async Task<CssRect> BoxAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"No box for {selector}.");
        return new CssRect(box.X, box.Y, box.Width, box.Height);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public async Task RecognizeAsync_RenderedPage_FindsSignInInsideTheButton(float deviceScaleFactor)
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800, deviceScaleFactor);
        var screenshot = await ScreenshotAsync(page);
        var button = await BoxAsync(page, "#signin");
        using var engine = new TesseractOcrEngine();

        // Act
        var result = await engine.RecognizeAsync(screenshot);

        // Assert
        output.WriteLine(string.Join(" | ", result.Lines.Select(l => $"{l.Text} {l.Box} {l.Confidence:0.00}")));
        var line = result.Lines.FirstOrDefault(l => l.Text == "Sign in" && button.Contains(l.Box.Center));
        Assert.True(line is not null, $"No 'Sign in' line inside the button {button}.");
        Assert.Contains(result.Words, w => w.Text == "Welcome");
        Assert.Contains(result.Words, w => w.Text == "Checkout");
        await page.CloseAsync();
    }

    [Fact]
    public async Task RecognizeAsync_LightOnDarkNavigation_ReadsIt()
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800);
        var screenshot = await ScreenshotAsync(page);
        using var engine = new TesseractOcrEngine();

        // Act
        var result = await engine.RecognizeAsync(screenshot);

        // Assert
        Assert.Contains(result.Words, w => w.Text == "Products" && w.Box.Y < 45);
        Assert.Contains(result.Lines, l => l.Text == "Help center" && l.Box.Y < 45);
        await page.CloseAsync();
    }

    [Fact]
    public async Task RecognizeAsync_Viewport1280x800_ReportsMeanTime()
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800);
        var screenshot = await ScreenshotAsync(page);
        using var engine = new TesseractOcrEngine();
        await engine.RecognizeAsync(screenshot);

        // Act
        var watch = Stopwatch.StartNew();
        const int Runs = 3;
        for (var i = 0; i < Runs; i++)
        {
            await engine.RecognizeAsync(screenshot);
        }

        var mean = watch.Elapsed.TotalMilliseconds / Runs;

        // Assert
        output.WriteLine($"Tesseract on a 1280x800 page: mean {mean:0} ms over {Runs} runs.");
        Assert.True(mean < 5_000, $"OCR took {mean:0} ms per run.");
        await page.CloseAsync();
    }
}
