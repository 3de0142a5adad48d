using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Tests.Browser;

public sealed class GuiBrowserTests
{
    [Fact]
    public async Task StartTaskAsync_AfterTheBrowserProcessWasKilled_RelaunchesAndWorks()
    {
        // Arrange
        await using var browser = new GuiBrowser();
        await using (var first = await browser.StartTaskAsync())
        {
            await first.Page.SetContentAsync("<p>first</p>");
        }

        var firstProcess = await BrowserProcess.IdAsync(browser.CurrentBrowser!);
        using (var process = Process.GetProcessById(firstProcess))
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(await BrowserProcess.WaitGoneAsync(firstProcess, TimeSpan.FromSeconds(10)));
        await WaitDisconnectedAsync(browser);

        // Act
        await using var second = await browser.StartTaskAsync();
        await second.Page.SetContentAsync("<p id=p>second</p>");

        // Assert
        Assert.Equal("second", await second.Page.TextContentAsync("#p"));
        Assert.Equal(2, browser.LaunchCount);
        Assert.NotEqual(firstProcess, await BrowserProcess.IdAsync(browser.CurrentBrowser!));
    }

    [Fact]
    public async Task StartTaskAsync_AfterTheBrowserWasClosedUnderneath_RelaunchesAndWorks()
    {
        // Arrange
        await using var browser = new GuiBrowser();
        var first = await browser.StartTaskAsync();
        await browser.CurrentBrowser!.CloseAsync();

        // Act
        await using var second = await browser.StartTaskAsync();
        await second.Page.SetContentAsync("<p id=p>again</p>");

        // Assert
        Assert.True(first.IsClosed);
        Assert.Equal("again", await second.Page.TextContentAsync("#p"));
        Assert.Equal(2, browser.LaunchCount);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task StartTaskAsync_TwoTasks_ShareOneBrowserWithSeparateContexts()
    {
        // Arrange
        await using var browser = new GuiBrowser();

        // Act
        await using var a = await browser.StartTaskAsync();
        await using var b = await browser.StartTaskAsync();

        // Assert
        Assert.Equal(1, browser.LaunchCount);
        Assert.NotSame(a.Page.Context, b.Page.Context);
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.Equal(2, browser.CurrentBrowser!.Contexts.Count);
    }

    [Fact]
    public async Task DisposeAsync_AfterTasks_ClosesContextsAndLeavesNoBrowserProcess()
    {
        // Arrange
        var browser = new GuiBrowser();
        var task = await browser.StartTaskAsync();
        var process = await BrowserProcess.IdAsync(browser.CurrentBrowser!);
        Assert.True(BrowserProcess.IsAlive(process));
        await task.DisposeAsync();
        Assert.Empty(browser.CurrentBrowser!.Contexts);

        // Act
        await browser.DisposeAsync();

        // Assert
        Assert.True(await BrowserProcess.WaitGoneAsync(process, TimeSpan.FromSeconds(10)), $"Chromium process {process} is still running");
        Assert.False(browser.IsConnected);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => browser.StartTaskAsync());
    }

    [Fact]
    public async Task StartTaskAsync_MissingExecutable_ThrowsWithTheInstallCommand()
    {
        // Arrange
        await using var browser = new GuiBrowser(new GuiBrowserOptions { ExecutablePath = "/nonexistent/chromium" });

        // Act
        var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => browser.StartTaskAsync());

        // Assert
        Assert.Contains("apt-get install -y chromium", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/chromium", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, browser.LaunchCount);
    }

    [Fact]
    public async Task StartTaskAsync_TaskViewportOverrides_AreApplied()
    {
        // Arrange
        await using var browser = new GuiBrowser(new GuiBrowserOptions { ViewportWidth = 1024, ViewportHeight = 700 });

        // Act
        await using var task = await browser.StartTaskAsync(new GuiTaskOptions { ViewportWidth = 640, DeviceScaleFactor = 2 });

        // Assert
        Assert.Equal(640, task.Page.ViewportSize!.Width);
        Assert.Equal(700, task.Page.ViewportSize!.Height);
        Assert.Equal(2, await task.Page.EvaluateAsync<double>("() => window.devicePixelRatio"));
    }

    [Theory]
    [InlineData(nameof(GuiBrowserOptions.ViewportWidth))]
    [InlineData(nameof(GuiBrowserOptions.ViewportHeight))]
    [InlineData(nameof(GuiBrowserOptions.DeviceScaleFactor))]
    [InlineData(nameof(GuiBrowserOptions.LaunchTimeout))]
    [InlineData(nameof(GuiBrowserOptions.ActionTimeout))]
    public void Constructor_OptionOutOfRange_ThrowsNamingTheOption(string option)
    {
        // Arrange
        var options = new GuiBrowserOptions();
        switch (option)
        {
            case nameof(GuiBrowserOptions.ViewportWidth): options.ViewportWidth = 0; break;
            case nameof(GuiBrowserOptions.ViewportHeight): options.ViewportHeight = 20000; break;
            case nameof(GuiBrowserOptions.DeviceScaleFactor): options.DeviceScaleFactor = double.NaN; break;
            case nameof(GuiBrowserOptions.LaunchTimeout): options.LaunchTimeout = TimeSpan.Zero; break;
            default: options.ActionTimeout = TimeSpan.FromMilliseconds(1); break;
        }

        // Act
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new GuiBrowser(options));

        // Assert
        Assert.Equal(option, exception.ParamName);
        Assert.Contains("GuiBrowserOptions." + option, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(GuiTaskOptions.MaxSteps))]
    [InlineData(nameof(GuiTaskOptions.ReadPageLimit))]
    [InlineData(nameof(GuiTaskOptions.ViewportWidth))]
    public void Validate_TaskOptionOutOfRange_ThrowsNamingTheOption(string option)
    {
        // Arrange
        var options = new GuiTaskOptions();
        switch (option)
        {
            case nameof(GuiTaskOptions.MaxSteps): options.MaxSteps = 0; break;
            case nameof(GuiTaskOptions.ReadPageLimit): options.ReadPageLimit = 10; break;
            default: options.ViewportWidth = 5; break;
        }

        // Act
        var exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        // Assert
        Assert.Contains("GuiTaskOptions." + option, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedAllowedOrigin_Throws()
    {
        // Arrange
        var options = new GuiTaskOptions { AllowedOrigins = ["localhost"] };

        // Act
        var exception = Assert.Throws<ArgumentException>(options.Validate);

        // Assert
        Assert.Contains("localhost", exception.Message, StringComparison.Ordinal);
    }

    private static async Task WaitDisconnectedAsync(GuiBrowser browser)
    {
        for (var i = 0; i < 100 && browser.IsConnected; i++)
        {
            await Task.Delay(100);
        }

        Assert.False(browser.IsConnected);
    }
}
