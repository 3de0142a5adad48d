using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using SkiaSharp;

namespace Plugins.Gui.Seeing;

/// <summary>
/// Sees a live page: a viewport screenshot in CSS scale (one image pixel = one CSS pixel, at any device scale factor)
/// and the visible DOM candidates, found by one in-page walk of the top document and its same-origin iframes, each
/// with its ARIA role, accessible name, label, title, placeholder, value, colours, box in top-viewport CSS pixels and
/// an <see cref="ElementReference"/> to find it again. Thread-safe: it holds no per-page state.
/// </summary>
/// <param name="options">Limits and what to include; defaults when null (see <see cref="PageObserverOptions"/>).</param>
/// <param name="logger">Receives the candidate count and the time of each observation at Debug.</param>
public sealed class PageObserver(PageObserverOptions? options = null, ILogger<PageObserver>? logger = null)
{
    private readonly PageObserverOptions _options = Validated(options ?? new PageObserverOptions());
    private readonly ILogger _logger = logger ?? NullLogger<PageObserver>.Instance;

    /// <summary>
    /// Observes <paramref name="page"/> like <see cref="ObserveAsync"/>, but when an action's navigation lands under the
    /// observation (a form's submit handler, a deferred location change), waits for the new page to load and observes
    /// again, up to 4 tries in all.
    /// </summary>
    /// <param name="page">An open page.</param>
    /// <param name="loadTimeoutMs">How long to wait for each new page to load, in milliseconds; null for Playwright's default.</param>
    /// <param name="cancellationToken">Cancels the observation.</param>
    /// <returns>The observation.</returns>
    public async Task<PageObservation> ObserveSettledAsync(IPage page, float? loadTimeoutMs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ObserveAsync(page, cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException ex) when (attempt < 4 && IsNavigationRace(ex))
            {
                await Task.Delay(100 * attempt, cancellationToken).ConfigureAwait(false);
                await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = loadTimeoutMs }).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether <paramref name="exception"/> is what Chromium reports when a page navigates under an observation.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True for a destroyed execution context or a screenshot that could not be captured.</returns>
    public static bool IsNavigationRace(PlaywrightException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Message.Contains("context was destroyed", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("Unable to capture screenshot", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Takes the screenshot and the candidates of <paramref name="page"/>'s viewport, as they are now.</summary>
    /// <param name="page">An open page; it is not navigated or scrolled.</param>
    /// <param name="cancellationToken">Cancels the wait for the page.</param>
    /// <returns>The observation; candidate ids start at 1, in document order.</returns>
    /// <exception cref="InvalidOperationException">The screenshot's size differs from the viewport's CSS size.</exception>
    public async Task<PageObservation> ObserveAsync(IPage page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();

        // The walk and the screenshot are independent round trips; run them together.
        var walkTask = PageScript.EvaluateAsync(
            page,
            new { mode = "observe", maxCandidates = _options.MaxCandidates, includeStaticText = _options.IncludeStaticText },
            cancellationToken);
        var screenshotTask = page.ScreenshotAsync(new PageScreenshotOptions
        {
            Scale = ScreenshotScale.Css,
            Type = ScreenshotType.Png,
        });
        await Task.WhenAll(walkTask, screenshotTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        using var walkDocument = await walkTask.ConfigureAwait(false);
        var walk = walkDocument.RootElement;
        var png = await screenshotTask.ConfigureAwait(false);

        var viewportWidth = page.ViewportSize?.Width ?? (int)Math.Round(walk.GetProperty("viewportWidth").GetDouble());
        var viewportHeight = page.ViewportSize?.Height ?? (int)Math.Round(walk.GetProperty("viewportHeight").GetDouble());
        var screenshot = CheckedScreenshot(png, viewportWidth, viewportHeight);

        var candidates = ParseCandidates(walk.GetProperty("items"));
        var observation = new PageObservation
        {
            Url = page.Url,
            Title = walk.GetProperty("title").GetString() ?? string.Empty,
            Screenshot = screenshot,
            DevicePixelRatio = walk.GetProperty("devicePixelRatio").GetDouble(),
            Scroll = new CssPoint(walk.GetProperty("scrollX").GetDouble(), walk.GetProperty("scrollY").GetDouble()),
            Candidates = candidates,
        };

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug(
                "Observed {Url}: {Count} candidates ({Total} visible, truncated {Truncated}) in {Elapsed} ms",
                page.Url,
                candidates.Count,
                walk.GetProperty("total").GetInt32(),
                walk.GetProperty("truncated").GetBoolean(),
                watch.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return observation;
    }

    private static PageObserverOptions Validated(PageObserverOptions options)
    {
        options.Validate();
        return options;
    }

    /// <summary>Wraps a CSS-scale PNG, checking that its decoded size is the viewport's CSS size.</summary>
    internal static PageScreenshot CheckedScreenshot(byte[] png, int viewportWidth, int viewportHeight)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidOperationException("Playwright returned a screenshot that is not a decodable PNG.");
        var info = codec.Info;
        if (info.Width != viewportWidth || info.Height != viewportHeight)
        {
            throw new InvalidOperationException(
                $"The CSS-scale screenshot is {info.Width}x{info.Height} pixels but the viewport is "
                + $"{viewportWidth}x{viewportHeight} CSS pixels; image pixels would not be CSS pixels. Check that the "
                + "page has a fixed viewport (BrowserNewContextOptions.ViewportSize) and that Playwright honours "
                + "ScreenshotScale.Css.");
        }

        return new PageScreenshot(png, info.Width, info.Height);
    }

    private static List<GuiCandidate> ParseCandidates(JsonElement items)
    {
        var candidates = new List<GuiCandidate>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            var role = item.GetProperty("role").GetString() ?? "generic";
            var name = item.GetProperty("name").GetString() ?? string.Empty;
            var framePath = new List<string>();
            foreach (var frame in item.GetProperty("framePath").EnumerateArray())
            {
                framePath.Add(frame.GetString() ?? string.Empty);
            }

            candidates.Add(new GuiCandidate
            {
                Id = candidates.Count + 1,
                Source = CandidateSource.Dom,
                Role = role,
                Name = name,
                Box = new CssRect(
                    item.GetProperty("x").GetDouble(),
                    item.GetProperty("y").GetDouble(),
                    item.GetProperty("width").GetDouble(),
                    item.GetProperty("height").GetDouble()),
                Text = OptionalString(item, "text"),
                Label = OptionalString(item, "label"),
                Title = OptionalString(item, "title"),
                Placeholder = OptionalString(item, "placeholder"),
                Value = OptionalString(item, "value"),
                Tag = OptionalString(item, "tag"),
                BackgroundColor = OptionalString(item, "background"),
                TextColor = OptionalString(item, "color"),
                IsInteractive = item.GetProperty("interactive").GetBoolean(),
                Confidence = 1,
                Reference = new ElementReference(
                    role,
                    name,
                    item.GetProperty("ordinal").GetInt32(),
                    item.GetProperty("cssPath").GetString() ?? string.Empty,
                    framePath),
            });
        }

        return candidates;
    }

    private static string? OptionalString(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
