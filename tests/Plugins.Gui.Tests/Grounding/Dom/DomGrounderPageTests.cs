using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Plugins.Gui.Grounding;
using Plugins.Gui.Grounding.Dom;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Grounding.Matching;
using Plugins.Gui.Tests.Support;
using Xunit.Abstractions;

namespace Plugins.Gui.Tests.Grounding.Dom;

/// <summary>
/// The dom grounder with the real MiniLM embedder on two hand-written, real-looking pages (a webmail client and a
/// shop) in Chromium: each instruction's point must fall inside the expected element's box.
/// </summary>
public sealed class DomGrounderPageTests(ChromiumFixture chromium, MiniLmFixture miniLm, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>, IClassFixture<MiniLmFixture>
{
    private const double RequiredAccuracy = 0.9;

    public static readonly (string Instruction, string Selector)[] MailTasks =
    [
        ("click Compose", "#compose"),
        ("click the blue Compose button", "#compose"),
        ("type into the search box", "#q"),
        ("click the Search button", "#btn-search"),
        ("open the settings icon", "#btn-settings"),
        ("click the Help icon", "#btn-help"),
        ("open the main menu", "#btn-menu"),
        ("open the Sent folder", "#nav-sent"),
        ("go to Drafts", "#nav-drafts"),
        ("open the Trash folder", "#nav-bin"),
        ("click the Spam folder", "#nav-spam"),
        ("click Starred", "#nav-starred"),
        ("click the Promotions tab", "#tab-promotions"),
        ("open the Social tab", "#tab-social"),
        ("check the Select all checkbox", "#select-all"),
        ("click the refresh button", "#btn-refresh"),
        ("click the More actions icon", "#btn-more"),
        ("click the Older button", "#btn-older"),
        ("open the email from Priya Natarajan", "#msg-1"),
        ("click the first Archive button", "#msg-1 button[title=Archive]"),
        ("click the second Delete button", "#msg-2 button[title=Delete]"),
        ("the last Delete icon", "#msg-6 button[title=Delete]"),
        ("click Undo", "#undo"),
        ("dismiss the notification", "#toast-close"),
        ("click the Work label", "#label-work"),
        ("create a new label", "#btn-new-label"),
        ("open my account", "#btn-account"),
        ("click the Privacy link at the bottom", "#footer-privacy"),
        ("click the Postbox logo", "#logo"),
        ("the apps button at the top right", "#btn-apps"),
        ("click Manage storage", "#manage-storage"),
    ];

    public static readonly (string Instruction, string Selector)[] ShopTasks =
    [
        ("type into the search box", "#search-input"),
        ("click the search button", "#search-submit"),
        ("open the basket", "#basket-link"),
        ("click the cart icon", "#basket-link"),
        ("click Sign in", "#account-link"),
        ("open the wishlist", "#wishlist-link"),
        ("click the Electricals link", "#dept-electricals"),
        ("open the Home & Living category", "#dept-home"),
        ("click the red Sale link", "#dept-sale"),
        ("open All departments", "#all-departments"),
        ("check Nordhaven", "#brand-nordhaven"),
        ("tick the Kettle & Co checkbox", "#brand-kettleco"),
        ("choose Under £25", "#price-under25"),
        ("turn on In stock only", "#instock"),
        ("click Clear all", "#clear-filters"),
        ("open the Sort by dropdown", "#sort"),
        ("click the List view icon", "#view-list"),
        ("click the first Add to cart button", "#p1-add"),
        ("the third Add to basket button", "#p3-add"),
        ("click the last Add to basket button", "#p5-add"),
        ("open the Oak Chopping Board", "#p3"),
        ("add the Linen Apron to my wishlist", "#p2 .wish"),
        ("go to page 2", "#page-2"),
        ("click Next", "#page-next"),
        ("accept all cookies", "#cookie-accept"),
        ("click Manage cookies", "#cookie-manage"),
        ("click the logo at the top left", "#logo"),
        ("click See details", "#promo-link"),
        ("the Home link in the breadcrumb", "#crumb-home"),
        ("the Gifts department", "#dept-gifts"),
    ];

    [Fact]
    public Task GroundAsync_MailClientPage_AtLeastNinetyPercentInsideTheTarget() => RunPageAsync("dom-mail.html", MailTasks);

    [Fact]
    public Task GroundAsync_ShopPage_AtLeastNinetyPercentInsideTheTarget() => RunPageAsync("dom-shop.html", ShopTasks);

    private async Task RunPageAsync(string pageName, (string Instruction, string Selector)[] tasks)
    {
        // Arrange
        Assert.True(tasks.Length >= 20, $"{pageName} needs at least 20 instructions.");
        var page = await chromium.NewPageAsync(ChromiumFixture.ReadPage(pageName), 1280, 800);
        var observeWatch = Stopwatch.StartNew();
        var observation = await new PageObserver().ObserveAsync(page);
        observeWatch.Stop();
        var grounder = new DomGrounder(miniLm.Generator);
        var lines = new List<string>();
        var hits = 0;
        double totalMs = 0;
        double cpuMs = 0;
        var process = Process.GetCurrentProcess();

        // Act
        foreach (var (instruction, selector) in tasks)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await grounder.GroundAsync(new GroundingRequest(instruction, observation));
            watch.Stop();
            process.Refresh();
            cpuMs += (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            totalMs += watch.Elapsed.TotalMilliseconds;
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.True(box is not null, $"{pageName}: the expected element '{selector}' has no box.");
            var rect = new CssRect(box.X, box.Y, box.Width, box.Height);
            var inside = result.Point is { } point && rect.Contains(point);
            hits += inside ? 1 : 0;
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{(inside ? "ok  " : "MISS")} {watch.Elapsed.TotalMilliseconds,6:0.0} ms  '{instruction}' -> {result.Point?.ToString() ?? "(miss)"} expected {selector} {rect}: {result.Reason}"));
        }

        await page.CloseAsync();

        // Assert
        var accuracy = (double)hits / tasks.Length;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{pageName}: {hits}/{tasks.Length} = {accuracy:P1}; {observation.Candidates.Count} candidates observed in {observeWatch.Elapsed.TotalMilliseconds:0} ms; mean grounding {totalMs / tasks.Length:0.0} ms wall, {cpuMs / tasks.Length:0.0} ms process CPU (the first task with a cold embedding cache and model)"));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        Assert.True(accuracy >= RequiredAccuracy, $"{pageName}: accuracy {accuracy:P1} under {RequiredAccuracy:P0}:\n" + string.Join('\n', lines.Where(l => l.StartsWith("MISS", System.StringComparison.Ordinal))));
    }
}
