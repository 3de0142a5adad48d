using System;
using System.Threading.Tasks;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;
using Xunit.Abstractions;

namespace Plugins.Gui.Tests.Grounding.Ocr;

/// <summary>
/// What OCR text alone cannot tell apart, read from the pixels: a field's input box beside its label, and a button's
/// text from the same text in a heading.
/// </summary>
public sealed class OcrControlTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IDisposable
{
    private const string Form = """
        <!doctype html>
        <html><head><style>
          body { margin: 0; padding: 24px; font-family: sans-serif; background: #fff; color: #222; }
          h2 { font-size: 26px; margin: 0 0 16px; }
          label.above { display: block; margin: 14px 0 4px; font-size: 14px; }
          input { width: 240px; padding: 6px; font-size: 14px; border: 1px solid #aaa; }
          .row { display: flex; align-items: center; gap: 12px; margin-top: 18px; font-size: 14px; }
          button { background: #15803d; color: #fff; border: 0; border-radius: 6px; padding: 10px 22px; font-size: 15px; margin-top: 20px; }
        </style></head><body>
        <h2>Sign in</h2>
        <label class="above" for="user">Username</label><input id="user">
        <label class="above" for="pass">Password</label><input id="pass" type="password">
        <div class="row"><label for="city">City</label><input id="city"></div>
        <div><button id="go">Sign in</button></div>
        </body></html>
        """;

    private readonly TesseractOcrEngine _tesseract = new();

    public void Dispose() => _tesseract.Dispose();

    [Theory]
    [InlineData("click the Password field", "#pass")]
    [InlineData("type in the username box", "#user")]
    [InlineData("enter your city", "#city")]
    [InlineData("click the Sign in button", "#go")]
    public async Task GroundAsync_FieldOrButtonNamedByItsText_PointsInsideTheControl(string instruction, string selector)
    {
        // Arrange
        var page = await chromium.NewPageAsync(Form, 800, 500);
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
    }

    [Fact]
    public async Task GroundAsync_TextNamedWithoutAField_PointsAtTheLabel()
    {
        // Arrange
        var page = await chromium.NewPageAsync(Form, 800, 500);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        var label = await TesseractOcrEngineTests.BoxAsync(page, "label[for=pass]");
        await page.CloseAsync();
        var grounder = new OcrGrounder(_tesseract);

        // Act
        var result = await grounder.GroundAsync(new GroundingRequest("click Password", PageObservation.FromImage(screenshot)));

        // Assert
        Assert.True(result.IsHit, result.Reason);
        Assert.True(label.Contains(result.Point!.Value), $"{result.Point} is outside the label {label}: {result.Reason}");
    }
}
