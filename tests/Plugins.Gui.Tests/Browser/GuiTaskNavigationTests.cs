using System;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Browser;

namespace Plugins.Gui.Tests.Browser;

public sealed class GuiTaskNavigationTests : IClassFixture<GuiBrowserFixture>, IDisposable
{
    private readonly GuiBrowserFixture _fixture;
    private readonly LocalHttpServer _allowed = new();
    private readonly LocalHttpServer _other = new("127.0.0.2");

    public GuiTaskNavigationTests(GuiBrowserFixture fixture)
    {
        _fixture = fixture;
        var other = _other.Origin;
        _other.Map("/", "<!doctype html><title>other</title><p>other origin</p>");
        _allowed.Map("/", $$"""
            <!doctype html><title>start</title>
            <button id="location" onclick="location = '{{other}}/location'">location</button>
            <a id="blank" href="{{other}}/blank" target="_blank">new tab</a>
            <a id="data" href="data:text/html,<h1>data page</h1>">data link</a>
            <button id="data-location" onclick="location = 'data:text/html,<h1>data page</h1>'">data location</button>
            <a id="javascript" href="javascript:location='{{other}}/javascript'">javascript link</a>
            <button id="open" onclick="window.open('{{other}}/open')">open</button>
            <a id="meta" href="/meta">meta refresh</a>
            <a id="redirect" href="/redirect">redirect</a>
            <button id="fetch" onclick="fetch('{{other}}/fetch').catch(() => {}); new Image().src = '{{other}}/image';">fetch</button>
            <button id="frame" onclick="const f = document.createElement('iframe'); f.src = '{{other}}/frame'; document.body.append(f);">frame</button>
            """);
        _allowed.Map("/meta", $"""<!doctype html><meta http-equiv="refresh" content="0;url={other}/meta"><title>meta</title>""");
        _allowed.MapRedirect("/redirect", $"{other}/redirected");
        _allowed.MapRedirect("/redirect-home", "/landing");
        _allowed.Map("/landing", "<!doctype html><title>landing</title><p>landed</p>");
    }

    [Theory]
    [InlineData("location")]
    [InlineData("blank")]
    [InlineData("data")]
    [InlineData("data-location")]
    [InlineData("javascript")]
    [InlineData("open")]
    [InlineData("meta")]
    [InlineData("redirect")]
    [InlineData("fetch")]
    [InlineData("frame")]
    public async Task Page_TriesToLeaveTheAllowedOrigin_StaysOnItAndTheOtherServerIsNotContacted(string element)
    {
        // Arrange
        await using var task = await _fixture.Browser.StartTaskAsync();
        var opened = await task.OpenAsync(_allowed.BaseAddress);
        Assert.True(opened.Allowed, opened.Reason);

        // Act
        await task.Page.ClickAsync("#" + element);
        await Task.Delay(1000);
        await task.ReturnToAllowedPageAsync();

        // Assert
        Assert.Equal(_allowed.Origin, new Uri(task.Page.Url).GetLeftPart(UriPartial.Authority));
        Assert.Empty(_other.Requests);
        Assert.Single(task.Page.Context.Pages);
    }

    [Fact]
    public async Task Page_OpensASameOriginTab_TheTabIsClosedAndRecorded()
    {
        // Arrange
        await using var task = await _fixture.Browser.StartTaskAsync();
        await task.OpenAsync(_allowed.BaseAddress);
        await task.Page.EvaluateAsync("() => { const a = document.createElement('a'); a.id = 'same'; a.href = '/landing'; a.target = '_blank'; a.textContent = 'same'; document.body.append(a); }");

        // Act
        await task.Page.ClickAsync("#same");
        for (var i = 0; i < 50 && task.BlockedRequests.Count == 0; i++)
        {
            await Task.Delay(100);
        }

        // Assert
        var popup = Assert.Single(task.BlockedRequests);
        Assert.Equal("popup", popup.Kind);
        Assert.Equal(_allowed.Url("/landing").ToString(), popup.Url);
        Assert.Contains("open_url", popup.Reason, StringComparison.Ordinal);
        Assert.Single(task.Page.Context.Pages);
        Assert.Equal(_allowed.BaseAddress.ToString(), task.Page.Url);
    }

    [Fact]
    public async Task Page_PostsAFormThatSetsACookieAndRedirects_CookieAndBodyArrive()
    {
        // Arrange: navigations are fetched by the policy's route handler; forms and cookies must still work.
        string? posted = null;
        _allowed.Map("/form", "<!doctype html><title>form</title><form method=post action=/submit><input name=user value=ada><button id=go>Go</button></form>");
        _allowed.MapHandler("/submit", (request, response) =>
        {
            using var reader = new System.IO.StreamReader(request.InputStream);
            posted = reader.ReadToEnd();
            response.StatusCode = 302;
            response.AddHeader("Set-Cookie", "session=ada; Path=/");
            response.RedirectLocation = "/done";
            return null;
        });
        _allowed.MapHandler("/done", (request, _) => $"<!doctype html><title>done</title><p id=cookie>{request.Headers["Cookie"]}</p>");
        await using var task = await _fixture.Browser.StartTaskAsync();
        await task.OpenAsync(_allowed.Url("/form"));

        // Act
        await task.Page.ClickAsync("#go");
        await task.Page.WaitForURLAsync("**/done");

        // Assert
        Assert.Equal("user=ada", posted);
        Assert.Equal("session=ada", await task.Page.TextContentAsync("#cookie"));
        Assert.Empty(task.BlockedRequests);
    }

    [Fact]
    public async Task OpenAsync_RedirectWithinTheOrigin_IsFollowed()
    {
        // Arrange
        await using var task = await _fixture.Browser.StartTaskAsync();

        // Act
        await task.OpenAsync(_allowed.Url("/redirect-home"));

        // Assert
        Assert.Equal(_allowed.Url("/landing").ToString(), task.Page.Url);
        Assert.Equal("landing", await task.Page.TitleAsync());
    }

    [Fact]
    public async Task OpenAsync_OtherOriginAfterTheFirst_IsRefusedWithoutARequest()
    {
        // Arrange
        await using var task = await _fixture.Browser.StartTaskAsync();
        await task.OpenAsync(_allowed.BaseAddress);

        // Act
        var decision = await task.OpenAsync(_other.BaseAddress);

        // Assert
        Assert.False(decision.Allowed);
        Assert.Contains(_other.Origin.Replace("http://", string.Empty, StringComparison.Ordinal), decision.Reason, StringComparison.Ordinal);
        Assert.Empty(_other.Requests);
        Assert.Equal(_allowed.BaseAddress.ToString(), task.Page.Url);
        Assert.Contains(task.BlockedRequests, b => b.Url.StartsWith(_other.Origin, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTaskAsync_ConfiguredOrigins_OnlyThoseAreAllowed()
    {
        // Arrange
        await using var task = await _fixture.Browser.StartTaskAsync(new GuiTaskOptions { AllowedOrigins = [_other.Origin] });

        // Act
        var decision = await task.OpenAsync(_allowed.BaseAddress);

        // Assert
        Assert.False(decision.Allowed);
        Assert.Empty(_allowed.Requests);
        Assert.Equal([_other.Origin.ToLowerInvariant() + "/"], task.Policy.AllowedOrigins.Select(o => o + "/"));
    }

    public void Dispose()
    {
        _allowed.Dispose();
        _other.Dispose();
    }
}
