using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;

namespace Agents.Training.Gui;

/// <summary>
/// One headless Chromium that opens pages in fresh contexts at a viewport and device scale factor, waiting for load and
/// fonts, the way the grounding evaluator opens its page tasks. Not thread-safe.
/// </summary>
internal sealed class ExportBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ExportBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ExportBrowser> LaunchAsync(string? chromiumPath, CancellationToken cancellationToken)
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
            return new ExportBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(Uri url, int width, int height, double deviceScaleFactor, CancellationToken cancellationToken)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = (float)deviceScaleFactor,
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var page = await context.NewPageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var response = await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (response is { Ok: false })
            {
                throw new InvalidOperationException($"Loading {url} answered HTTP {response.Status}.");
            }

            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)").WaitAsync(cancellationToken).ConfigureAwait(false);
            return (context, page);
        }
        catch
        {
            await context.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }
}
