using System;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Evaluation.Tests.Support;

/// <summary>One headless Debian Chromium per test class, with the plugin's offline flags; fails with the install hint when none is installed.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

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

    public async Task<IPage> NewPageAsync(int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
