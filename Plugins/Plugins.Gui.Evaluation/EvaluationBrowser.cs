using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Evaluation;

/// <summary>
/// One headless Chromium (found by <see cref="ChromiumLocator"/>, launched with its offline flags) that opens pages in
/// fresh contexts at a given viewport and device scale factor, waiting for load and fonts. The grounding evaluator, the
/// GUI data generator, the flow runner and the training exporters open their pages with it, so every consumer sees a
/// page in the same state. Not thread-safe: one page at a time.
/// </summary>
public sealed class EvaluationBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private EvaluationBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Launches Chromium from <paramref name="chromiumPath"/>, or wherever <see cref="ChromiumLocator"/> finds it.</summary>
    /// <param name="chromiumPath">The Chromium executable, or null for the located one.</param>
    /// <param name="cancellationToken">Cancels the launch.</param>
    /// <returns>The browser; dispose it to close Chromium.</returns>
    public static async Task<EvaluationBrowser> LaunchAsync(string? chromiumPath, CancellationToken cancellationToken)
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
            return new EvaluationBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a fresh context at the viewport and device scale factor, waiting for load and fonts.</summary>
    /// <param name="url">The page.</param>
    /// <param name="width">The viewport width in CSS pixels.</param>
    /// <param name="height">The viewport height in CSS pixels.</param>
    /// <param name="deviceScaleFactor">The device pixel ratio.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The page with its own context; dispose it to close both.</returns>
    /// <exception cref="InvalidOperationException">The page answered an HTTP error.</exception>
    public async Task<OpenedPage> OpenAsync(Uri url, int width, int height, double deviceScaleFactor, CancellationToken cancellationToken)
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
            return new OpenedPage(context, page);
        }
        catch
        {
            await context.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        _playwright.Dispose();
    }

    /// <summary>A page with its own context, closed together.</summary>
    /// <param name="context">The page's browser context.</param>
    /// <param name="page">The page.</param>
    public sealed class OpenedPage(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        /// <summary>Gets the page.</summary>
        public IPage Page { get; } = page;

        /// <inheritdoc />
        public async ValueTask DisposeAsync() => await context.CloseAsync().ConfigureAwait(false);
    }
}
