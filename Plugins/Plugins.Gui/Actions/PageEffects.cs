using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Plugins.Gui.Browser;
using Plugins.Gui.Safety;

namespace Plugins.Gui.Actions;

/// <summary>What an action may change, captured before and after it.</summary>
/// <param name="Url">The page's URL.</param>
/// <param name="Mutations">The top document's DOM mutation count (-1 when unreadable).</param>
/// <param name="ScreenHash">SHA-256 of the viewport screenshot, hex.</param>
/// <param name="ScrollX">Horizontal scroll offset, CSS pixels.</param>
/// <param name="ScrollY">Vertical scroll offset, CSS pixels.</param>
/// <param name="Blocked">How many blocked requests the task had recorded.</param>
internal sealed record PageState(string Url, long Mutations, string ScreenHash, double ScrollX, double ScrollY, int Blocked);

/// <summary>Captures <see cref="PageState"/> and describes the difference between two of them.</summary>
internal static class PageEffects
{
    private const int MaxNameLength = 80;

    /// <summary>Captures the page's state; waits for a pending navigation once when the page's script context is gone.</summary>
    public static async Task<PageState> CaptureAsync(GuiTask task, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var page = task.Page;
                // The screenshot first: Playwright hides the caret by setting a style on each text field and then
                // restores it, which the mutation counter sees; counting afterwards keeps those out of the difference.
                var png = await page.ScreenshotAsync(new PageScreenshotOptions { Scale = ScreenshotScale.Css, Type = ScreenshotType.Png }).ConfigureAwait(false);
                var scroll = await page.EvaluateAsync<JsonElement>("() => [window.scrollX, window.scrollY]").ConfigureAwait(false);
                var mutations = await task.ReadMutationCountAsync(cancellationToken).ConfigureAwait(false);
                return new PageState(
                    page.Url,
                    mutations,
                    Convert.ToHexString(SHA256.HashData(png)),
                    scroll[0].GetDouble(),
                    scroll[1].GetDouble(),
                    task.BlockedRequests.Count);
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                // "Execution context was destroyed": a navigation is under way; wait for it and read again.
                await SettleAsync(task.Page, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives the page time to react: a short pause, then the load event of whatever document is current.</summary>
    public static async Task SettleAsync(IPage page, CancellationToken cancellationToken)
    {
        await Task.Delay(150, cancellationToken).ConfigureAwait(false);
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            // A document that never finishes loading still counts as the current state.
        }
    }

    /// <summary>Describes what changed between <paramref name="before"/> and <paramref name="after"/>, most telling first.</summary>
    public static string Describe(GuiTask task, PageState before, PageState after, string? returned, IEnumerable<string>? extra = null)
    {
        var parts = new List<string>();
        foreach (var blocked in task.BlockedRequests.Skip(before.Blocked).Take(3))
        {
            parts.Add($"blocked a {blocked.Kind} to {Shorten(blocked.Url, 120)} ({blocked.Reason})");
        }

        if (returned is not null)
        {
            parts.Add(returned);
        }

        var navigated = !string.Equals(before.Url, after.Url, StringComparison.Ordinal);
        if (navigated)
        {
            parts.Add("navigated to " + DisplayUrl(before.Url, after.Url));
        }

        if (extra is not null)
        {
            parts.AddRange(extra);
        }

        if (Math.Abs(before.ScrollX - after.ScrollX) >= 1 || Math.Abs(before.ScrollY - after.ScrollY) >= 1)
        {
            parts.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the page scrolled from ({before.ScrollX:0},{before.ScrollY:0}) to ({after.ScrollX:0},{after.ScrollY:0})"));
        }

        if (!navigated && before.Mutations >= 0 && after.Mutations >= 0)
        {
            if (after.Mutations < before.Mutations)
            {
                parts.Add("the page reloaded");
            }
            else if (after.Mutations > before.Mutations)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"the page changed ({after.Mutations - before.Mutations} DOM mutations)"));
            }
        }

        if (parts.Count == 0 && !string.Equals(before.ScreenHash, after.ScreenHash, StringComparison.Ordinal))
        {
            parts.Add("the screen changed");
        }

        return parts.Count == 0 ? "no visible effect" : string.Join("; ", parts);
    }

    /// <summary>A same-origin URL as its path and query; another one in full.</summary>
    public static string DisplayUrl(string from, string to)
    {
        if (Uri.TryCreate(from, UriKind.Absolute, out var a) && Uri.TryCreate(to, UriKind.Absolute, out var b)
            && a.Scheme is "http" or "https"
            && string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return b.PathAndQuery + b.Fragment;
        }

        return to;
    }

    /// <summary>Page text for a result line: markers and the nonce removed, whitespace collapsed, cut to 80 characters.</summary>
    public static string PageText(string? text, string nonce, int maxLength = MaxNameLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var clean = string.Join(' ', UntrustedContent.Sanitize(text, nonce).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Shorten(clean, maxLength);
    }

    private static string Shorten(string text, int maxLength) => text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
