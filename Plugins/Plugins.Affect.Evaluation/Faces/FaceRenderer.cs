using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>
/// One headless Chromium (found by <see cref="ChromiumLocator"/>, launched with its offline flags) that renders SVG
/// documents to PNG at their pixel size. Not thread-safe: one face at a time.
/// </summary>
public sealed class FaceRenderer : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private IPage? _page;
    private int _pageSize;

    private FaceRenderer(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Launches Chromium from <paramref name="chromiumPath"/>, or wherever <see cref="ChromiumLocator"/> finds it.</summary>
    /// <param name="chromiumPath">The executable, or null to look it up.</param>
    /// <param name="cancellationToken">Cancels the launch.</param>
    /// <returns>The renderer; dispose it.</returns>
    /// <exception cref="System.IO.FileNotFoundException">No Chromium was found (the message says how to install one).</exception>
    public static async Task<FaceRenderer> LaunchAsync(string? chromiumPath = null, CancellationToken cancellationToken = default)
    {
        var executable = ChromiumLocator.Locate(chromiumPath);
        var playwright = await Playwright.CreateAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = [.. ChromiumLocator.DefaultArguments],
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new FaceRenderer(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Renders an SVG document to a PNG of <paramref name="size"/> x <paramref name="size"/> pixels.</summary>
    /// <param name="svg">The SVG document.</param>
    /// <param name="size">The width and height in pixels (16..2048).</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <returns>The PNG bytes.</returns>
    public async Task<byte[]> RenderAsync(string svg, int size, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(svg);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 2048);
        if (_page is null || _pageSize != size)
        {
            if (_page is not null)
            {
                await _page.CloseAsync().ConfigureAwait(false);
            }

            _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = size, Height = size }, DeviceScaleFactor = 1 }).WaitAsync(cancellationToken).ConfigureAwait(false);
            _pageSize = size;
        }

        var html = "<!DOCTYPE html><html><head><style>html,body{margin:0;padding:0;overflow:hidden}svg{display:block}</style></head><body>" + svg + "</body></html>";
        await _page.SetContentAsync(html).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Clip = new Clip { X = 0, Y = 0, Width = size, Height = size } }).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}
