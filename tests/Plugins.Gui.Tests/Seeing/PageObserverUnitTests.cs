using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Support;
using SkiaSharp;

namespace Plugins.Gui.Tests.Seeing;

[Collection(SeeingCollection.Name)]
public sealed class PageObserverUnitTests(ChromiumFixture chromium)
{
    [Fact]
    public void CheckedScreenshot_SizeDiffersFromViewport_ThrowsNamingBothSizes()
    {
        // Arrange: what a device-scale screenshot of an 800x600 viewport at DPR 2 would be.
        var png = Png(1600, 1200);

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => PageObserver.CheckedScreenshot(png, 800, 600));

        // Assert
        Assert.Contains("1600x1200", error.Message, StringComparison.Ordinal);
        Assert.Contains("800x600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckedScreenshot_SizeEqualsViewport_KeepsBytesAndSize()
    {
        // Arrange
        var png = Png(320, 200);

        // Act
        var screenshot = PageObserver.CheckedScreenshot(png, 320, 200);

        // Assert
        Assert.Equal(320, screenshot.Width);
        Assert.Equal(200, screenshot.Height);
        Assert.True(screenshot.Png.Span.SequenceEqual(png));
    }

    [Fact]
    public async Task ObserveAsync_WithLogger_LogsCountAndTimeAtDebug()
    {
        // Arrange
        var logger = new RecordingLogger();
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage("seeing-rerender.html"));

        // Act
        var observation = await new PageObserver(logger: logger).ObserveAsync(page);

        // Assert
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, level);
        Assert.Contains($"{observation.Candidates.Count} candidates", message, StringComparison.Ordinal);
        Assert.Contains(" ms", message, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private sealed class RecordingLogger : ILogger<PageObserver>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
