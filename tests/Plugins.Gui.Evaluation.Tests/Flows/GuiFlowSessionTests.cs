using Microsoft.Playwright;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation.Tests.Flows;

/// <summary>Which Chromium failures make a flow session observe the page again.</summary>
public sealed class GuiFlowSessionTests
{
    [Theory]
    [InlineData("Execution context was destroyed, most likely because of a navigation")]
    [InlineData("Protocol error (Page.captureScreenshot): Unable to capture screenshot")]
    public void IsNavigationRace_NavigationFailures_True(string message) =>
        Assert.True(PageObserver.IsNavigationRace(new PlaywrightException(message)));

    [Theory]
    [InlineData("Timeout 15000ms exceeded.")]
    [InlineData("Target page, context or browser has been closed")]
    public void IsNavigationRace_OtherFailures_False(string message) =>
        Assert.False(PageObserver.IsNavigationRace(new PlaywrightException(message)));
}
