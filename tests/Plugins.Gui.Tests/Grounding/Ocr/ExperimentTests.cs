using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Grounding.Ocr;
using Plugins.Gui.Tests.Support;
using SkiaSharp;
using Xunit.Abstractions;

namespace Plugins.Gui.Tests.Grounding.Ocr;

public sealed class ExperimentTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData(true, false, 11)]
    public async Task Experiment(bool normalize, bool inverted, int psm)
    {
        var page = await chromium.NewPageAsync(OcrTestPages.SignIn, 1280, 800);
        var screenshot = await TesseractOcrEngineTests.ScreenshotAsync(page);
        using (var bmp = SKBitmap.Decode(screenshot.Png.ToArray()))
        {
            var grey = OcrPreprocessor.ToGrey(bmp);
            var w = Stopwatch.StartNew();
            OcrPreprocessor.NormalizeBackground(grey, bmp.Width, bmp.Height);
            output.WriteLine($"normalize {w.ElapsedMilliseconds} ms");
            using var g = new SKBitmap(new SKImageInfo(bmp.Width, bmp.Height, SKColorType.Gray8, SKAlphaType.Opaque));
            System.Runtime.InteropServices.Marshal.Copy(grey, 0, g.GetPixels(), grey.Length);
            using var data = g.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes("/tmp/ocrtest/norm.png", data.ToArray());
        }

        using var engine = new TesseractOcrEngine(new TesseractOptions { NormalizeBackground = normalize, InvertedPass = inverted, PageSegmentationMode = psm });
        await engine.RecognizeAsync(screenshot);
        var watch = Stopwatch.StartNew();
        var result = await engine.RecognizeAsync(screenshot);
        output.WriteLine($"{watch.ElapsedMilliseconds} ms: " + string.Join(" | ", result.Lines.Select(l => $"{l.Text} {l.Box}")));
    }
}
