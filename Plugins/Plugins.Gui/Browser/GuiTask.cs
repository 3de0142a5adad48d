using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Plugins.Gui.Safety;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Browser;

/// <summary>
/// One unit of work in the browser: its own browser context (cookies, storage) and one page, a
/// <see cref="NavigationPolicy"/> enforced on every request of the context, a step counter, a random nonce for
/// <see cref="UntrustedContent"/> and the last observation. Requests to origins or schemes the policy refuses are
/// aborted (navigations, frames and, unless <see cref="GuiTaskOptions.AllowCrossOriginSubresources"/>, subresources);
/// popups (<c>window.open</c>, <c>target=_blank</c>) are closed and recorded, so the task keeps one page; service
/// workers are blocked because their requests bypass routing. Created by <see cref="GuiBrowser.StartTaskAsync"/>;
/// disposing it closes the context. Members are thread-safe; actions on <see cref="Page"/> should be serialised by the caller.
/// </summary>
public sealed partial class GuiTask : IAsyncDisposable
{
    /// <summary>Name of the read-only window property holding the top document's DOM mutation count.</summary>
    internal const string MutationCounterName = "__guiMutationCount";

    // Counts DOM mutation records of the top document from its start, so an action's DOM effect can be measured.
    // Style changes on text fields are left out: Playwright's screenshots hide the caret by setting and restoring
    // an inline style on every input and text area, which would otherwise count as a change of the page.
    private const string MutationCounterScript = """
        (() => {
          if (window.top !== window) { return; }
          let count = 0;
          const caretOnly = (r) => r.type === 'attributes' && r.attributeName === 'style'
            && (r.target.localName === 'input' || r.target.localName === 'textarea' || r.target.isContentEditable);
          Object.defineProperty(window, '__guiMutationCount', { get: () => count, configurable: false });
          new MutationObserver(records => { for (const r of records) { if (!caretOnly(r)) { count++; } } })
            .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        })();
        """;

    private readonly IBrowserContext _context;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly List<BlockedRequest> _blocked = [];
    private IPage? _page;
    private string? _lastAllowedUrl;
    private int _steps;
    private int _disposed;

    private GuiTask(IBrowserContext context, NavigationPolicy policy, GuiTaskOptions options, ILogger logger)
    {
        _context = context;
        _logger = logger;
        Policy = policy;
        MaxSteps = options.MaxSteps;
        ReadPageLimit = options.ReadPageLimit;
        AllowCrossOriginSubresources = options.AllowCrossOriginSubresources;
        Nonce = UntrustedContent.NewNonce();
    }

    /// <summary>The task's page.</summary>
    public IPage Page => _page ?? throw new InvalidOperationException("The task's page is not created yet.");

    /// <summary>The navigation policy enforced on every request of the task.</summary>
    public NavigationPolicy Policy { get; }

    /// <summary>The step limit (<see cref="GuiTaskOptions.MaxSteps"/>).</summary>
    public int MaxSteps { get; }

    /// <summary>How many characters of page text <c>read_page</c> returns (<see cref="GuiTaskOptions.ReadPageLimit"/>).</summary>
    public int ReadPageLimit { get; }

    /// <summary>Whether cross-origin subresources may load (<see cref="GuiTaskOptions.AllowCrossOriginSubresources"/>).</summary>
    public bool AllowCrossOriginSubresources { get; }

    /// <summary>The task's random nonce (32 hex digits) for <see cref="UntrustedContent.Wrap"/>.</summary>
    public string Nonce { get; }

    /// <summary>Steps counted so far.</summary>
    public int StepsTaken => Math.Min(Volatile.Read(ref _steps), MaxSteps);

    /// <summary>Steps left before <see cref="StepLimitExceededException"/>.</summary>
    public int StepsLeft => Math.Max(0, MaxSteps - Volatile.Read(ref _steps));

    /// <summary>The latest observation (from <c>find_element</c> or <c>screenshot</c>); candidate ids refer to it. Null until one is taken.</summary>
    public PageObservation? LastObservation { get; set; }

    /// <summary>The last URL of the page that the policy allowed (about:blank excluded); null before the first.</summary>
    public string? LastAllowedUrl
    {
        get
        {
            lock (_gate)
            {
                return _lastAllowedUrl;
            }
        }
    }

    /// <summary>Whether the page is closed (the task was disposed or the browser went away).</summary>
    public bool IsClosed => _page is null || _page.IsClosed || Volatile.Read(ref _disposed) != 0;

    /// <summary>What the policy stopped so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<BlockedRequest> BlockedRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _blocked];
            }
        }
    }

    /// <summary>Counts one step.</summary>
    /// <param name="action">The action about to run, for the exception's message.</param>
    /// <exception cref="StepLimitExceededException">The task has used <see cref="MaxSteps"/> steps.</exception>
    public void CountStep(string action)
    {
        if (Interlocked.Increment(ref _steps) > MaxSteps)
        {
            LogStepLimit(_logger, MaxSteps, action);
            throw new StepLimitExceededException(MaxSteps, action);
        }
    }

    /// <summary>
    /// Opens <paramref name="url"/> in the page when the policy admits it (the first http(s) origin opened becomes the
    /// allowed origin when none was configured) and waits for its load event. Does not count a step.
    /// </summary>
    /// <param name="url">An absolute URL.</param>
    /// <param name="cancellationToken">Checked before navigating.</param>
    /// <returns>The policy's decision; the page was not touched when it is refused.</returns>
    /// <exception cref="PlaywrightException">The page failed to load (connection refused, timeout).</exception>
    public async Task<NavigationDecision> OpenAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        cancellationToken.ThrowIfCancellationRequested();
        var decision = Policy.Admit(url);
        if (!decision.Allowed)
        {
            Record(url.ToString(), "navigation", decision.Reason);
            return decision;
        }

        await Page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
        return decision;
    }

    /// <summary>
    /// When the page shows a URL the policy refuses (a navigation that went around routing, such as a redirect or a
    /// <c>data:</c> frame), goes back to <see cref="LastAllowedUrl"/> (or about:blank).
    /// </summary>
    /// <param name="cancellationToken">Checked before navigating.</param>
    /// <returns>What was done, or null when the page was on an allowed URL.</returns>
    public async Task<string?> ReturnToAllowedPageAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var url = Page.Url;
        var decision = Policy.Check(url);
        if (decision.Allowed && !IsErrorPage(url))
        {
            return null;
        }

        var back = LastAllowedUrl ?? "about:blank";
        LogReturn(_logger, url, back);
        await Page.GotoAsync(back, new PageGotoOptions { WaitUntil = WaitUntilState.Load }).ConfigureAwait(false);
        return $"the page was on a refused URL ({url}); returned to {back}";
    }

    /// <summary>The top document's DOM mutation count since it loaded; -1 when it cannot be read.</summary>
    /// <param name="cancellationToken">Checked before reading.</param>
    public async Task<long> ReadMutationCountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await Page.EvaluateAsync<long>($"() => typeof window.{MutationCounterName} === 'number' ? window.{MutationCounterName} : -1").ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            return -1;
        }
    }

    /// <summary>Closes the task's context and page.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _context.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // The browser is gone already (crashed or closed); nothing is left to close.
        }
    }

    internal static async Task<GuiTask> CreateAsync(IBrowser browser, GuiBrowserOptions browserOptions, GuiTaskOptions options, ILogger logger)
    {
        var policy = new NavigationPolicy(options.AllowedOrigins, options.AllowedSchemes);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize
            {
                Width = options.ViewportWidth ?? browserOptions.ViewportWidth,
                Height = options.ViewportHeight ?? browserOptions.ViewportHeight,
            },
            DeviceScaleFactor = (float)(options.DeviceScaleFactor ?? browserOptions.DeviceScaleFactor),
            ServiceWorkers = ServiceWorkerPolicy.Block,
            AcceptDownloads = false,
        }).ConfigureAwait(false);
        var task = new GuiTask(context, policy, options, logger);
        try
        {
            context.SetDefaultTimeout((float)browserOptions.ActionTimeout.TotalMilliseconds);
            await context.AddInitScriptAsync(MutationCounterScript).ConfigureAwait(false);
            await context.RouteAsync("**/*", task.HandleRouteAsync).ConfigureAwait(false);
            context.Page += task.OnPage;
            var page = await context.NewPageAsync().ConfigureAwait(false);
            page.FrameNavigated += task.OnFrameNavigated;
            lock (task._gate)
            {
                task._page = page;
            }

            return task;
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsErrorPage(string url) => url.StartsWith("chrome-error:", StringComparison.OrdinalIgnoreCase);

    private async Task HandleRouteAsync(IRoute route)
    {
        var request = route.Request;
        var decision = Policy.Check(request.Url);
        var isNavigation = request.IsNavigationRequest;
        var allowed = decision.Allowed || (!isNavigation && AllowCrossOriginSubresources && IsHttp(request.Url));
        try
        {
            if (allowed && isNavigation && IsHttp(request.Url))
            {
                await FollowNavigationAsync(route).ConfigureAwait(false);
                return;
            }

            if (allowed)
            {
                await route.FallbackAsync().ConfigureAwait(false);
                return;
            }

            var kind = !isNavigation ? "subresource" : request.Frame.ParentFrame is null ? "navigation" : "frame";
            Record(request.Url, kind, decision.Reason);
            await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
        }
        catch (PlaywrightException exception)
        {
            // The page or context closed while the request was paused.
            LogRouteFailed(_logger, request.Url, exception.Message);
        }
    }

    // Routing sees only the first URL of a redirect chain, so an allowed page could redirect to a refused origin.
    // Navigations are therefore fetched here without following redirects, and a redirect is checked before the
    // browser gets it (the browser then requests the new location, which is routed again).
    private async Task FollowNavigationAsync(IRoute route)
    {
        var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 }).ConfigureAwait(false);
        if (response.Status is >= 300 and < 400 && response.Headers.TryGetValue("location", out var location))
        {
            var target = Uri.TryCreate(new Uri(route.Request.Url), location, out var resolved) ? resolved.AbsoluteUri : location;
            var decision = Policy.Check(target);
            if (!decision.Allowed)
            {
                Record(target, route.Request.Frame.ParentFrame is null ? "navigation" : "frame", "redirect refused: " + decision.Reason);
                await route.AbortAsync("blockedbyclient").ConfigureAwait(false);
                return;
            }
        }

        await route.FulfillAsync(new RouteFulfillOptions { Response = response }).ConfigureAwait(false);
    }

    private void OnPage(object? sender, IPage page)
    {
        lock (_gate)
        {
            // The context's first page is the task's own page (created in CreateAsync); any later one is a popup.
            if (_page is null || ReferenceEquals(page, _page))
            {
                return;
            }
        }

        _ = ClosePopupAsync(page);
    }

    private async Task ClosePopupAsync(IPage popup)
    {
        try
        {
            try
            {
                await popup.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = 2000 }).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A popup whose navigation was aborted may never reach DOMContentLoaded; it is closed all the same.
            }

            var url = popup.Url;
            var decision = Policy.Check(url);
            await popup.CloseAsync().ConfigureAwait(false);
            Record(
                url,
                "popup",
                decision.Allowed
                    ? "the page opened a new tab or window, which was closed (the task keeps one page); open_url it to follow it"
                    : "the page opened a new tab or window that was closed: " + decision.Reason);
        }
        catch (PlaywrightException exception)
        {
            LogRouteFailed(_logger, popup.Url, exception.Message);
        }
    }

    private void OnFrameNavigated(object? sender, IFrame frame)
    {
        var url = frame.Url;
        var decision = Policy.Check(url);
        if (frame.ParentFrame is not null)
        {
            if (!decision.Allowed)
            {
                RecordOnce(url, "frame", decision.Reason);
            }

            return;
        }

        if (decision.Allowed && !url.StartsWith("about:", StringComparison.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                _lastAllowedUrl = url;
            }
        }
        else if (!decision.Allowed && !IsErrorPage(url))
        {
            RecordOnce(url, "navigation", decision.Reason);
        }
    }

    private void Record(string url, string kind, string reason)
    {
        LogBlocked(_logger, kind, url, reason);
        lock (_gate)
        {
            _blocked.Add(new BlockedRequest(url, kind, reason));
        }
    }

    private void RecordOnce(string url, string kind, string reason)
    {
        lock (_gate)
        {
            if (_blocked.Count > 0 && _blocked[^1].Url == url)
            {
                return;
            }
        }

        Record(url, kind, reason);
    }

    private static bool IsHttp(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"GuiTask({StepsTaken}/{MaxSteps} steps, {(IsClosed ? "closed" : "open")})");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blocked {Kind} to {Url}: {Reason}")]
    private static partial void LogBlocked(ILogger logger, string kind, string url, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request handling for {Url} failed: {Error}")]
    private static partial void LogRouteFailed(ILogger logger, string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The page was on the refused URL {Url}; returning to {Back}")]
    private static partial void LogReturn(ILogger logger, string url, string back);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step limit of {MaxSteps} reached; refused {Action}")]
    private static partial void LogStepLimit(ILogger logger, int maxSteps, string action);
}
