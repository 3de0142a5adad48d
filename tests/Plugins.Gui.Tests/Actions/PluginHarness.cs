using System;
using System.IO;
using System.Threading.Tasks;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Tests.Actions;

/// <summary>A task on a fresh context, a plugin over it with the <see cref="NameGrounder"/>, and a local server of test pages.</summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private PluginHarness(GuiTask task, GuiPlugin plugin, NameGrounder grounder)
    {
        Task = task;
        Plugin = plugin;
        Grounder = grounder;
    }

    public GuiTask Task { get; }

    public GuiPlugin Plugin { get; }

    public NameGrounder Grounder { get; }

    public static async Task<PluginHarness> StartAsync(GuiBrowser browser, GuiTaskOptions? options = null)
    {
        var task = await browser.StartTaskAsync(options);
        var grounder = new NameGrounder();
        var plugin = new GuiPlugin(GuiTaskSession.ForTask(task), new PageObserver(), new ElementResolver(), new HitTester(), grounder);
        return new PluginHarness(task, plugin, grounder);
    }

    public static string Page(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pages", name));

    public async Task<T> EvaluateAsync<T>(string expression) => await Task.Page.EvaluateAsync<T>(expression);

    public async ValueTask DisposeAsync() => await Task.DisposeAsync();
}
