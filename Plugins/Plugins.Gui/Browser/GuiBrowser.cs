using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Plugins.Gui.Browser;

/// <summary>
/// One headless Chromium for the plugin instance, launched on the first <see cref="StartTaskAsync"/> through
/// Playwright with <see cref="ChromiumLocator.DefaultArguments"/> (never Playwright's own browser download). Each launch
/// gets a fresh, empty user data directory: Playwright's <c>LaunchAsync</c> creates a temporary profile
/// (<c>playwright_chromiumdev_profile-*</c>) per launch and deletes it when the browser closes, and each task gets its
/// own browser context on top, so nothing persists between launches or tasks. A browser that crashed or disconnected
/// (<see cref="IBrowser.IsConnected"/> false) is replaced on the next <see cref="StartTaskAsync"/>; tasks started on
/// the old one are dead. Thread-safe; dispose it (asynchronously) to close Chromium and the Playwright driver.
/// </summary>
public sealed partial class GuiBrowser : IAsyncDisposable
{
    private readonly GuiBrowserOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _launches;
    private bool _disposed;

    /// <summary>Creates the browser holder; nothing is launched until a task starts.</summary>
    /// <param name="options">Launch options (validated now); null: defaults. Read, never mutated.</param>
    /// <param name="logger">Logs launches, disconnections and blocked requests.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public GuiBrowser(GuiBrowserOptions? options = null, ILogger<GuiBrowser>? logger = null)
    {
        _options = options ?? new GuiBrowserOptions();
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The options this browser launches with.</summary>
    public GuiBrowserOptions Options => _options;

    /// <summary>How many times Chromium was launched (1 after the first task; more after crashes).</summary>
    public int LaunchCount => Volatile.Read(ref _launches);

    /// <summary>Whether a launched browser is connected now.</summary>
    public bool IsConnected => _browser?.IsConnected == true;

    /// <summary>The current Playwright browser, or null before the first launch; for tests and diagnostics.</summary>
    internal IBrowser? CurrentBrowser => _browser;

    /// <summary>
    /// Starts a task: a new browser context and page, launching (or relaunching after a crash) Chromium first when needed.
    /// </summary>
    /// <param name="options">The task's options (validated); null: defaults.</param>
    /// <param name="cancellationToken">Checked before launching and before creating the context.</param>
    /// <exception cref="System.IO.FileNotFoundException">No Chromium executable was found; the message says how to install one.</exception>
    /// <exception cref="ObjectDisposedException">The browser was disposed.</exception>
    public async Task<GuiTask> StartTaskAsync(GuiTaskOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GuiTaskOptions();
        options.Validate();
        var browser = await EnsureLaunchedAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await GuiTask.CreateAsync(browser, _options, options, _logger).ConfigureAwait(false);
    }

    /// <summary>Closes Chromium (and every task's context) and the Playwright driver.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await CloseCurrentAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IBrowser> EnsureLaunchedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } running)
            {
                return running;
            }

            if (_browser is not null)
            {
                LogRelaunch(_logger);
                await CloseCurrentAsync().ConfigureAwait(false);
            }

            var executable = ChromiumLocator.Locate(_options.ExecutablePath);
            cancellationToken.ThrowIfCancellationRequested();
            _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executable,
                    Headless = _options.Headless,
                    Args = [.. ChromiumLocator.DefaultArguments, .. _options.ExtraArguments],
                    Timeout = (float)_options.LaunchTimeout.TotalMilliseconds,
                }).ConfigureAwait(false);
            }
            catch
            {
                _playwright.Dispose();
                _playwright = null;
                throw;
            }

            var launches = Interlocked.Increment(ref _launches);
            _browser.Disconnected += OnDisconnected;
            LogLaunched(_logger, executable, _browser.Version, launches);
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CloseCurrentAsync()
    {
        if (_browser is { } browser)
        {
            _browser = null;
            browser.Disconnected -= OnDisconnected;
            try
            {
                await browser.CloseAsync().ConfigureAwait(false);
                await browser.DisposeAsync().ConfigureAwait(false);
            }
            catch (PlaywrightException exception)
            {
                LogCloseFailed(_logger, exception.Message);
            }
        }

        _playwright?.Dispose();
        _playwright = null;
    }

    private void OnDisconnected(object? sender, IBrowser browser) => LogDisconnected(_logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Launched Chromium {Executable} (version {Version}), launch {Launches}")]
    private static partial void LogLaunched(ILogger logger, string executable, string version, int launches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium disconnected (crashed or closed); it is relaunched on the next task")]
    private static partial void LogDisconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous Chromium is gone; relaunching")]
    private static partial void LogRelaunch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the previous Chromium failed: {Error}")]
    private static partial void LogCloseFailed(ILogger logger, string error);
}
