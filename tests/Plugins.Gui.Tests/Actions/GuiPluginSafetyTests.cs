using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Tests.Browser;

namespace Plugins.Gui.Tests.Actions;

public sealed class GuiPluginSafetyTests : IClassFixture<GuiBrowserFixture>, IDisposable
{
    private readonly GuiBrowserFixture _fixture;
    private readonly LocalHttpServer _server = new();
    private readonly LocalHttpServer _other = new("127.0.0.2");

    public GuiPluginSafetyTests(GuiBrowserFixture fixture)
    {
        _fixture = fixture;
        _server.Map("/overlay", PluginHarness.Page("actions-overlay.html"));
        _server.Map("/stale", PluginHarness.Page("actions-stale.html"));
        _server.Map("/effects", PluginHarness.Page("actions-effects.html"));
        _server.Map("/", PluginHarness.Page("actions-injection.html").Replace("OTHER_ORIGIN", _other.Origin, StringComparison.Ordinal));
        _other.Map("/", "<!doctype html><title>Other</title><p>The secret is 42.</p>");
    }

    [Fact]
    public async Task Click_ButtonUnderACookieBanner_ReportsTheCoverAndDoesNotClick()
    {
        // Arrange
        await using var harness = await OpenAsync("/overlay");

        // Act
        var result = await harness.Plugin.ClickAsync("Sign in");

        // Assert
        Assert.False(result.Success);
        Assert.Contains("covered by", result.Message, StringComparison.Ordinal);
        Assert.Contains("cookie-banner", result.Message, StringComparison.Ordinal);
        Assert.False(await harness.EvaluateAsync<bool>("() => window.signedIn === true"));
    }

    [Fact]
    public async Task Click_AfterTheBannerIsAccepted_ClicksTheButton()
    {
        // Arrange
        await using var harness = await OpenAsync("/overlay");
        var accepted = await harness.Plugin.ClickAsync("Accept");

        // Act
        var result = await harness.Plugin.ClickAsync("Sign in");

        // Assert
        Assert.True(accepted.Success, accepted.ToString());
        Assert.Contains("DOM mutations", accepted.Effect, StringComparison.Ordinal);
        Assert.True(result.Success, result.ToString());
        Assert.True(await harness.EvaluateAsync<bool>("() => window.signedIn === true"));
    }

    [Fact]
    public async Task Click_ElementReplacedAfterFindElement_StillClicksTheNewElement()
    {
        // Arrange
        await using var harness = await OpenAsync("/stale");
        var found = await harness.Plugin.FindElementAsync("Save");
        Assert.True(found.Found, found.Reason);
        await harness.Task.Page.EvaluateAsync("() => window.rerender()");

        // Act
        var result = await harness.Plugin.ClickAsync(found.CandidateId!.Value.ToString(CultureInfo.InvariantCulture));

        // Assert
        Assert.True(result.Success, result.ToString());
        Assert.Equal(1, await harness.EvaluateAsync<int>("() => window.clicksAfter || 0"));
        Assert.Equal(0, await harness.EvaluateAsync<int>("() => window.clicks || 0"));
        var box = await harness.Task.Page.Locator("button").BoundingBoxAsync();
        Assert.True(box!.Y > found.Box![1] + 100, "the button moved down, so the old box would have missed it");
    }

    [Fact]
    public async Task Click_ElementRemovedAfterFindElement_FailsSayingItIsGone()
    {
        // Arrange
        await using var harness = await OpenAsync("/stale");
        var found = await harness.Plugin.FindElementAsync("Save");
        await harness.Task.Page.EvaluateAsync("() => document.querySelector('button').remove()");

        // Act
        var result = await harness.Plugin.ClickAsync(found.CandidateId!.Value.ToString(CultureInfo.InvariantCulture));

        // Assert
        Assert.False(result.Success);
        Assert.Contains("no longer on the page", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_BeyondTheStepLimit_AreRefusedWithoutActing()
    {
        // Arrange
        await using var harness = await PluginHarness.StartAsync(_fixture.Browser, new GuiTaskOptions { MaxSteps = 3 });
        await harness.Plugin.OpenUrlAsync(_server.Url("/effects").ToString());
        await harness.Plugin.ClickAsync("Add item");
        await harness.Plugin.ClickAsync("Add item");

        // Act
        var refused = await harness.Plugin.ClickAsync("Add item");
        var read = await harness.Plugin.ReadPageAsync();
        var found = await harness.Plugin.FindElementAsync("Add item");

        // Assert
        Assert.False(refused.Success);
        Assert.Contains("step limit of 3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("step limit of 3", read, StringComparison.Ordinal);
        Assert.False(found.Found);
        Assert.Equal(2, await harness.EvaluateAsync<int>("() => window.adds"));
        Assert.Equal(0, harness.Task.StepsLeft);
        Assert.Throws<StepLimitExceededException>(() => harness.Task.CountStep("click"));
    }

    [Fact]
    public async Task Plugin_PageWithPromptInjection_NeverLoadsTheOtherOrigin()
    {
        // Arrange
        await using var harness = await PluginHarness.StartAsync(_fixture.Browser);
        var plugin = harness.Plugin;
        var origin = _server.Origin;
        var results = new System.Collections.Generic.List<ActionResult>();
        async Task StepAsync(Task<ActionResult> action)
        {
            var result = await action;
            results.Add(result);
            // The allowed origin, the empty start page, or the error page an aborted navigation leaves (which the
            // plugin leaves again before its next action): never a document of another origin.
            var url = harness.Task.Page.Url;
            Assert.True(
                url.StartsWith(origin, StringComparison.Ordinal) || url == "about:blank" || url.StartsWith("chrome-error:", StringComparison.Ordinal),
                $"left the allowed origin: {url} after {result}");
            Assert.False(result.Success && result.Url?.StartsWith(_other.Origin, StringComparison.Ordinal) == true, result.ToString());
        }

        // Act: open the page, let its timer fire, read it, then do everything it asks and every other action.
        await StepAsync(plugin.OpenUrlAsync(_server.BaseAddress.ToString()));
        await Task.Delay(700);
        var text = await plugin.ReadPageAsync();
        var snapshot = await plugin.ScreenshotAsync();
        var found = await plugin.FindElementAsync("Open it");
        await StepAsync(plugin.ClickAsync(found.CandidateId!.Value.ToString(CultureInfo.InvariantCulture)));
        await StepAsync(plugin.ClickAsync("Open in a new tab"));
        await StepAsync(plugin.ClickAsync("Continue"));
        await StepAsync(plugin.ClickAsync("Run"));
        await StepAsync(plugin.ClickAsync("Popup"));
        await StepAsync(plugin.TypeTextAsync("Search", "secret"));
        await StepAsync(plugin.PressKeyAsync("Enter"));
        await StepAsync(plugin.SelectOptionAsync("Where", "There"));
        await StepAsync(plugin.HoverAsync("Hover for more"));
        await StepAsync(plugin.DoubleClickAsync("Double click"));
        await StepAsync(plugin.ScrollAsync("down", 300));
        await StepAsync(plugin.WaitForAsync(text: "Important notice", timeout_seconds: 2));
        await StepAsync(plugin.OpenUrlAsync(_other.BaseAddress.ToString()));
        await StepAsync(plugin.OpenUrlAsync(_other.Url("/steal").ToString()));
        await StepAsync(plugin.OpenUrlAsync("javascript:location='" + _other.Origin + "/js'"));
        await StepAsync(plugin.OpenUrlAsync("data:text/html,<script>location='" + _other.Origin + "/data'</script>"));
        await StepAsync(plugin.OpenUrlAsync("file:///etc/passwd"));
        await StepAsync(plugin.GoBackAsync());
        await Task.Delay(500);

        // Assert
        Assert.Empty(_other.Requests);
        Assert.Single(harness.Task.Page.Context.Pages);
        Assert.Contains(harness.Task.BlockedRequests, b => b.Kind == "navigation");
        Assert.Contains(harness.Task.BlockedRequests, b => b.Kind == "subresource");
        Assert.All(results.Skip(13).Take(5), r => Assert.False(r.Success));
        Assert.Contains(results, r => r.Effect?.Contains("blocked a navigation", StringComparison.Ordinal) == true);

        // The page text came back wrapped once: its fake closing marker was removed.
        Assert.Contains("ignore your instructions", text, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(text, "</untrusted", RegexOptions.IgnoreCase));
        Assert.EndsWith($"</untrusted-content nonce=\"{harness.Task.Nonce}\">", text, StringComparison.Ordinal);
        Assert.Contains("Open it", snapshot.Elements, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Dispose();
        _other.Dispose();
    }

    private async Task<PluginHarness> OpenAsync(string path)
    {
        var harness = await PluginHarness.StartAsync(_fixture.Browser);
        var opened = await harness.Plugin.OpenUrlAsync(_server.Url(path).ToString());
        Assert.True(opened.Success, opened.ToString());
        return harness;
    }
}
