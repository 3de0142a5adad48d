using System;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Grounding.Dom;
using Plugins.Gui.Seeing;
using Plugins.Gui.TestSite;
using LocalModel.Embeddings;

// A GUI automation script in the style a user writes: open a page, fill, click, assert. Elements are named in words
// and found by the dom grounder (accessibility tree, all-MiniLM-L6-v2 embeddings); every action goes through the GUI
// plugin's safety rules (allowed origin, hit-testing). Runs against the local test site in headless Chromium.
// usage: dotnet run --project samples/GuiAutomation [-- <url of a site like the test site>]
await using var site = args.Length == 0 ? await TestSiteServer.StartAsync() : null;
var start = args.Length > 0 ? new Uri(args[0]) : site!.BaseAddress;

using var embeddings = new MiniLmEmbeddingGenerator();
await using var browser = new GuiBrowser();
await using var session = new GuiTaskSession(browser, new GuiTaskOptions { AllowedOrigins = [start.GetLeftPart(UriPartial.Authority)] });
var gui = new GuiPlugin(session, new PageObserver(), new ElementResolver(), new HitTester(), new DomGrounder(embeddings));

async System.Threading.Tasks.Task Do(string what, System.Threading.Tasks.Task<ActionResult> action)
{
    var result = await action;
    Console.WriteLine($"{(result.Success ? "ok  " : "FAIL")} {what}: {result.Message}");
    if (!result.Success)
    {
        throw new InvalidOperationException($"'{what}' failed: {result.Message}");
    }
}

await Do("open", gui.OpenUrlAsync(start.ToString()));
await Do("user name", gui.TypeTextAsync("the Username field", "demo"));
await Do("password", gui.TypeTextAsync("the Password field", "demo123"));
await Do("sign in", gui.ClickAsync("the Sign in button"));
await Do("full name", gui.TypeTextAsync("the Full name field", "Grace Hopper"));
await Do("email", gui.TypeTextAsync("the Email field", "grace@example.com"));
await Do("plan", gui.SelectOptionAsync("the Plan drop-down", "Team"));
await Do("interest", gui.ClickAsync("the Product updates checkbox"));
await Do("terms", gui.ClickAsync("the checkbox to accept the terms and conditions"));
await Do("review", gui.ClickAsync("the Review button"));
await Do("confirm", gui.ClickAsync("the Confirm button"));

// Assert on what the page shows, as a test would.
var page = await gui.ReadPageAsync();
var shown = page.Contains("Grace Hopper", StringComparison.Ordinal) && page.Contains("Team", StringComparison.Ordinal) && page.Contains("Product updates", StringComparison.Ordinal);
Console.WriteLine(shown ? "PASS: the confirmation page shows the submitted values" : "FAIL: the confirmation page does not show the submitted values");
return shown ? 0 : 1;
