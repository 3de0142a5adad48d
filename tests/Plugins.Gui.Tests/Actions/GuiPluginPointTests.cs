using System;
using System.Threading.Tasks;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Seeing;
using Plugins.Gui.Tests.Browser;

namespace Plugins.Gui.Tests.Actions;

public sealed class GuiPluginPointTests : IClassFixture<GuiBrowserFixture>
{
    private readonly GuiBrowserFixture _fixture;

    public GuiPluginPointTests(GuiBrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Click_GrounderGivesOnlyAPoint_ClicksThereAndReportsTheEffect()
    {
        // Arrange
        using var server = new LocalHttpServer();
        server.Map("/", PluginHarness.Page("actions-effects.html"));
        await using var task = await _fixture.Browser.StartTaskAsync();
        await task.OpenAsync(server.BaseAddress);
        var box = await task.Page.Locator("#add").BoundingBoxAsync();
        var point = new CssPoint(box!.X + (box.Width / 2), box.Y + (box.Height / 2));
        var plugin = new GuiPlugin(GuiTaskSession.ForTask(task), new PageObserver(), new ElementResolver(), new HitTester(), new FixedPointGrounder(point));

        // Act
        var found = await plugin.FindElementAsync("the add button");
        var result = await plugin.ClickAsync("the add button");

        // Assert
        Assert.True(found.Found);
        Assert.Null(found.CandidateId);
        Assert.Equal([(int)Math.Round(point.X), (int)Math.Round(point.Y)], found.Point!);
        Assert.True(result.Success, result.ToString());
        Assert.Equal("clicked " + point, result.Message);
        Assert.Contains("DOM mutations", result.Effect, StringComparison.Ordinal);
        Assert.Equal(1, await task.Page.EvaluateAsync<int>("() => window.adds"));
    }
}
