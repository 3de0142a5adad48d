using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Evaluation.Tests.Support;
using Plugins.Gui.TestSite;

namespace Plugins.Gui.Evaluation.Tests.TestSite;

public class TestSiteServerTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Flow_SignInFillReviewConfirm_DonePageListsTheValues()
    {
        // Arrange
        await using var site = await TestSiteServer.StartAsync(new TestSiteOptions { Username = "demo", Password = "demo123" });
        var page = await browser.NewPageAsync();

        // Act: sign in.
        await page.GotoAsync(site.BaseAddress.AbsoluteUri);
        await page.GetByLabel("Username").FillAsync("demo");
        await page.GetByLabel("Password").FillAsync("demo123");
        await page.GetByLabel("Remember me").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/form");

        // The form: text fields, dropdown, checkboxes, date, toolbar icons, terms.
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByLabel("Plan").SelectOptionAsync(new SelectOptionValue { Label = "Team" });
        await page.GetByLabel("News").CheckAsync();
        await page.GetByLabel("Events").CheckAsync();
        await page.GetByLabel("Start date").FillAsync("2026-03-14");
        await page.GetByLabel("Message").FillAsync("Hello there");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach file" }).ClickAsync();
        await page.GetByLabel("I accept the terms and conditions").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();

        // The confirm dialog is modal and shows the values; Cancel closes it, Confirm submits.
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Confirm your details" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Ada Lovelace");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.WaitForURLAsync("**/done");

        // Assert
        Assert.Equal("Ada Lovelace", await page.Locator("#done-fullname").TextContentAsync());
        Assert.Equal("ada@example.com", await page.Locator("#done-email").TextContentAsync());
        Assert.Equal("Team", await page.Locator("#done-plan").TextContentAsync());
        Assert.Equal("News, Events", await page.Locator("#done-interests").TextContentAsync());
        Assert.Equal("2026-03-14", await page.Locator("#done-startdate").TextContentAsync());
        Assert.Equal("yes", await page.Locator("#done-terms").TextContentAsync());
        Assert.Equal("bold", await page.Locator("#done-formatting").TextContentAsync());
        Assert.Equal("notes.txt", await page.Locator("#done-attachment").TextContentAsync());
        var submission = Assert.Single(site.Submissions);
        Assert.Equal("demo", submission.Username);
        Assert.Equal(["News", "Events"], submission.Interests);
        Assert.True(submission.Attachment);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAnErrorAndStaysOnSignIn()
    {
        // Arrange
        await using var site = await TestSiteServer.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(site.BaseAddress.AbsoluteUri);

        // Act
        await page.GetByLabel("Username").FillAsync("demo");
        await page.GetByLabel("Password").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password. Please try again.");
        Assert.Equal(site.BaseAddress.AbsoluteUri, page.Url);
        Assert.Equal("demo", await page.GetByLabel("Username").InputValueAsync());
        Assert.Equal(["demo"], site.FailedSignIns);
        await page.GotoAsync(new Uri(site.BaseAddress, "form").AbsoluteUri);
        Assert.Equal(site.BaseAddress.AbsoluteUri, page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StartAsync_Default_ListensOnLoopbackOnly()
    {
        // Arrange
        await using var site = await TestSiteServer.StartAsync();

        // Act
        using var http = new HttpClient();
        var signIn = await http.GetStringAsync(site.BaseAddress);
        var other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

        // Assert
        Assert.Equal("127.0.0.1", site.BaseAddress.Host);
        Assert.NotEqual(0, site.BaseAddress.Port);
        Assert.Contains("Forgot password?", signIn, StringComparison.Ordinal);
        if (other is not null)
        {
            // The same port on a non-loopback address of this machine refuses the connection.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(other, site.BaseAddress.Port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    [Fact]
    public async Task StaticFolderServer_ServesFilesWithContentTypes()
    {
        // Arrange
        using var temp = new TempFolder();
        System.IO.File.WriteAllText(temp.Combine("a.html"), "<p>hi</p>");
        System.IO.File.WriteAllText(temp.Combine("tasks.jsonl"), "{}\n");
        System.IO.File.WriteAllText(temp.Combine("x.unknownext"), "?");
        await using var server = await StaticFolderServer.StartAsync(temp.Path);
        using var http = new HttpClient();

        // Act
        var html = await http.GetAsync(server.UrlOf("a.html"));
        var jsonl = await http.GetAsync(server.UrlOf("tasks.jsonl"));
        var unknown = await http.GetAsync(server.UrlOf("x.unknownext"));

        // Assert
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/jsonl", jsonl.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
