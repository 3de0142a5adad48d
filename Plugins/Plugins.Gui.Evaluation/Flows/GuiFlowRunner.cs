using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Gui.TestSite;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>Serves a flow folder's sites at 127.0.0.1 and opens flows in one headless Chromium (one flow at a time).</summary>
public sealed class GuiFlowRunner : IAsyncDisposable
{
    private readonly StaticFolderServer _server;
    private readonly EvaluationBrowser _browser;

    private GuiFlowRunner(StaticFolderServer server, EvaluationBrowser browser)
    {
        _server = server;
        _browser = browser;
    }

    /// <summary>Gets the viewport width (1280).</summary>
    public const int ViewportWidth = 1280;

    /// <summary>Gets the viewport height (800).</summary>
    public const int ViewportHeight = 800;

    /// <summary>Starts serving <paramref name="folder"/>'s sites and launches Chromium.</summary>
    /// <param name="folder">A flow folder (see <see cref="GuiFlowSet"/>).</param>
    /// <param name="chromiumPath">The Chromium executable, or null to find Debian's.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<GuiFlowRunner> StartAsync(string folder, string? chromiumPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var server = await StaticFolderServer.StartAsync(Path.Combine(folder, GuiFlowSet.SitesFolder), cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var browser = await EvaluationBrowser.LaunchAsync(chromiumPath, cancellationToken).ConfigureAwait(false);
            return new GuiFlowRunner(server, browser);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens <paramref name="flow"/>'s start page in a fresh context.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public async Task<GuiFlowSession> OpenAsync(GuiFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var page = await _browser.OpenAsync(_server.UrlOf(flow.StartPage), ViewportWidth, ViewportHeight, 1, cancellationToken).ConfigureAwait(false);
        return new GuiFlowSession(flow, page);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
