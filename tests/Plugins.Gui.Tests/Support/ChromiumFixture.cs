using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Tests.Support;

/// <summary>
/// One headless Debian Chromium per test class, launched through Playwright with the plugin's flags. Tests that need
/// it fail with the locator's install hint when no Chromium is installed; they are never skipped.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The launched browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = ChromiumLocator.Locate();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = [.. ChromiumLocator.DefaultArguments],
        });
    }

    /// <summary>A fresh page of the given viewport and device scale factor, with <paramref name="html"/> as its content.</summary>
    public async Task<IPage> NewPageAsync(string html, int width = 800, int height = 600, float deviceScaleFactor = 1)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = deviceScaleFactor,
        });
        var page = await context.NewPageAsync();
        page.Close += async (_, _) =>
        {
            // An async event handler: an exception here would crash the test host (the browser may already be gone).
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        };
        await page.SetContentAsync(html);
        return page;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Reads a page under <c>tests/Plugins.Gui.Tests/Pages</c> copied to the output folder.</summary>
    public static string ReadPage(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pages", name));
}
