using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Imaging;
using Plugins.Gui.Tests.Support;
using Xunit.Abstractions;

namespace Plugins.Gui.Tests.Grounding.Ocr;

public sealed class OcrGrounderTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly TesseractOcrEngine _tesseract = new();

    public void Dispose() => _tesseract.Dispose();

    [Theory]
    [InlineData("click the Sign in button", "#signin")]
    [InlineData("Checkout now", "#checkout")]
    [InlineData("press 'Cancel order'", "#cancel")]
    public async Task GroundAsync_ImageOfRenderedPage_PointsInsideTheTarget(string instruction, string selector)
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        var target = await TesseractOcrEngineTests.BoxAsync(page, selector);
        await page.CloseAsync();
        var grounder = new OcrGrounder(_tesseract);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest(instruction, PageObservation.FromImage(screenshot)));

        // Assert
        output.WriteLine(result.Reason);
        Assert.True(result.IsHit, result.Reason);
        Assert.True(target.Contains(result.Point!.Value), $"{result.Point} is outside {target}: {result.Reason}");
        Assert.Equal(CandidateSource.Ocr, result.Candidate!.Source);
        Assert.Equal("text", result.Candidate.Role);
    }

    [Theory]
    [InlineData("Start session", 520, 280, 160, 48)]
    [InlineData("click Shut down", 40, 184, 90, 22)]
    public async Task GroundAsync_CanvasText_FindsItWithoutDomText(string instruction, double x, double y, double width, double height)
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.Canvas, 800, 400);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        var domText = await page.InnerTextAsync("body");
        await page.CloseAsync();
        var grounder = new OcrGrounder(_tesseract);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest(instruction, PageObservation.FromImage(screenshot)));

        // Assert
        Assert.DoesNotContain("session", domText, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.IsHit, result.Reason);
        Assert.True(new CssRect(x, y, width, height).Contains(result.Point!.Value), $"{result.Point}: {result.Reason}");
    }

    [Fact]
    public async Task GroundAsync_TextNotOnScreen_Misses()
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.Canvas, 800, 400);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        await page.CloseAsync();
        var grounder = new OcrGrounder(_tesseract);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("the purple elephant toggle", PageObservation.FromImage(screenshot)));

        // Assert
        Assert.False(result.IsHit);
        Assert.Contains("threshold", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundAsync_TallPage_TilesAndMapsBack()
    {
        // Arrange
        const string Html = """
            <html><body style="margin:0;font:16px sans-serif">
            <p style="position:absolute;left:40px;top:60px">Account overview</p>
            <button id="delete" style="position:absolute;left:120px;top:1250px;font-size:16px;padding:8px">Delete account</button>
            </body></html>
            """;
        var page = await chromium.NewPageAsync(Html, 480, 1400);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        var target = await TesseractOcrEngineTests.BoxAsync(page, "#delete");
        await page.CloseAsync();
        var grounder = new OcrGrounder(_tesseract);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("Delete account", PageObservation.FromImage(screenshot)));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.True(target.Contains(result.Point!.Value), $"{result.Point} is outside {target}: {result.Reason}");
    }

    [Fact]
    public async Task GroundAsync_SameScreenshotTwice_RecognisesOnce()
    {
        // Arrange
        var engine = new FakeOcrEngine(_ => FakeOcrEngine.Result(FakeOcrEngine.Line(10, 10, 20, "Sign", "in"), FakeOcrEngine.Line(10, 60, 20, "Help")));
        var grounder = new OcrGrounder(engine);
        var page = PageObservation.FromImage(TestImages.Create(300, 200));

        // Act
        var first = await grounder.GroundAsync(new GroundingRequest("Sign in", page));
        var second = await grounder.GroundAsync(new GroundingRequest("Help", page));

        // Assert
        Assert.True(first.IsHit && second.IsHit);
        Assert.Single(engine.Calls);
        Assert.Equal(70, second.Point!.Value.Y, 1);
    }

    [Fact]
    public async Task GroundAsync_WordInsideALongerLine_PointsAtTheSpan()
    {
        // Arrange
        var engine = new FakeOcrEngine(_ => FakeOcrEngine.Result(FakeOcrEngine.Line(10, 10, 20, "Please", "Sign", "in", "to", "continue")));
        var grounder = new OcrGrounder(engine);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("Sign in", PageObservation.FromImage(TestImages.Create(400, 300))));

        // Assert
        Assert.Equal("Sign in", result.Candidate!.Name);
        var sign = 10 + 48 + 6;
        Assert.Equal(sign + ((32 + 6 + 16) / 2.0), result.Point!.Value.X, 1);
    }

    [Fact]
    public async Task GroundAsync_SmallText_RefinesTheBoxInAZoomedPass()
    {
        // Arrange: the first pass sees "Terms" 8 px high at (200,150); the crop around it is (140,124) 160x60 at 3x
        // (480x180 pixels), where the word sits at (183,81) 120x24, i.e. (201,151) 40x8 in CSS pixels.
        var zoomedWord = new OcrWord("Terms", new CssRect(183, 81, 120, 24), 0.99);
        var engine = new FakeOcrEngine(image => image.Width == 400
            ? FakeOcrEngine.Result(FakeOcrEngine.Line(200, 150, 8, "Terms"))
            : FakeOcrEngine.Result(new OcrLine("Terms", zoomedWord.Box, 0.99, [zoomedWord])));
        var grounder = new OcrGrounder(engine);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("Terms", PageObservation.FromImage(TestImages.Create(400, 300))));

        // Assert
        Assert.Equal(2, engine.Calls.Count);
        Assert.Contains("zoomed pass", result.Reason, StringComparison.Ordinal);
        Assert.Equal(480, engine.Calls[1].Width);
        Assert.Equal(201, result.Candidate!.Box.X, 3);
        Assert.Equal(151, result.Candidate.Box.Y, 3);
        Assert.Equal(40, result.Candidate.Box.Width, 3);
        Assert.Equal(8, result.Candidate.Box.Height, 3);
    }

    [Fact]
    public async Task GroundAsync_Page1280x800_MeanTimeUnderGoal()
    {
        // Arrange
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        await page.CloseAsync();
        string[] instructions = ["Sign in", "Checkout now", "Forgot your password?", "the Help center link", "Pricing"];
        await new OcrGrounder(_tesseract).GroundAsync(new GroundingRequest("warm up", PageObservation.FromImage(screenshot)));

        // Act: a new grounder (an empty cache) per instruction, so each pays for OCR.
        var watch = Stopwatch.StartNew();
        var hits = 0;
        foreach (var instruction in instructions)
        {
            var result = await new OcrGrounder(_tesseract).GroundAsync(new GroundingRequest(instruction, PageObservation.FromImage(screenshot)));
            hits += result.IsHit ? 1 : 0;
        }

        var mean = watch.Elapsed.TotalMilliseconds / instructions.Length;

        // Assert
        output.WriteLine($"ocr grounding on a 1280x800 page, uncached: mean {mean:0} ms per task over {instructions.Length} tasks, {hits} hits.");
        Assert.Equal(instructions.Length, hits);
        Assert.True(mean < 1_500, $"Mean OCR grounding time {mean:0} ms is over the 1.5 s goal.");
    }
}
