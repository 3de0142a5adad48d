using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Grounding;
using Plugins.Gui.Tests.Browser;

namespace Plugins.Gui.Tests.Actions;

public sealed class GuiServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddGuiPlugin_ResolvedInAScope_ActsAndDisposingTheContainerEndsChromium()
    {
        // Arrange
        using var server = new LocalHttpServer();
        server.Map("/", PluginHarness.Page("actions-effects.html"));
        var services = new ServiceCollection();
        services.AddSingleton<IGrounder>(new NameGrounder());
        services.AddGuiPlugin(o => o.ViewportWidth = 900);
        var provider = services.BuildServiceProvider();
        int process;

        // Act
        await using (var scope = provider.CreateAsyncScope())
        {
            var plugin = scope.ServiceProvider.GetRequiredService<GuiPlugin>();
            var opened = await plugin.OpenUrlAsync(server.BaseAddress.ToString());
            var clicked = await plugin.ClickAsync("Add item");
            Assert.True(opened.Success, opened.ToString());
            Assert.True(clicked.Success, clicked.ToString());
            var task = scope.ServiceProvider.GetRequiredService<GuiTaskSession>().CurrentTask!;
            Assert.Equal(900, task.Page.ViewportSize!.Width);
            process = await BrowserProcess.IdAsync(provider.GetRequiredService<GuiBrowser>().CurrentBrowser!);
        }

        var browser = provider.GetRequiredService<GuiBrowser>();
        Assert.Empty(browser.CurrentBrowser!.Contexts);
        await provider.DisposeAsync();

        // Assert
        Assert.True(await BrowserProcess.WaitGoneAsync(process, TimeSpan.FromSeconds(10)), $"Chromium process {process} is still running");
    }

    [Fact]
    public void AddGuiPlugin_InvalidOption_ThrowsAtRegistration()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddGuiPlugin(o => o.DeviceScaleFactor = 9));

        // Assert
        Assert.Contains("GuiBrowserOptions.DeviceScaleFactor", exception.Message, StringComparison.Ordinal);
    }
}
