using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>
/// Boxes of evaluation targets named by CSS selectors, in top-viewport CSS pixels. A selector may cross same-origin
/// iframes with <c>&gt;&gt;&gt;</c>: <c>iframe#pay &gt;&gt;&gt; button.submit</c> is the button inside the frame
/// <c>iframe#pay</c> (several <c>&gt;&gt;&gt;</c> nest frames, outermost first).
/// </summary>
public static class TargetBoxes
{
    /// <summary>The separator between a frame selector and what lies inside the frame: <c>&gt;&gt;&gt;</c>.</summary>
    public const string FrameSeparator = ">>>";

    /// <summary>Returns the box of the one element <paramref name="selector"/> names.</summary>
    /// <param name="page">The page.</param>
    /// <param name="selector">A CSS selector, optionally prefixed by iframe selectors and <see cref="FrameSeparator"/>.</param>
    /// <param name="scrollIntoView">Whether to scroll the element into view first (the box is then the scrolled one).</param>
    /// <param name="cancellationToken">Cancels the wait for the page.</param>
    /// <returns>The box, or null when the element is not rendered (for example <c>display: none</c>).</returns>
    /// <exception cref="ArgumentException">The selector, or one of its frame parts, does not match exactly one element.</exception>
    public static async Task<CssRect?> BoxOfSelectorAsync(
        IPage page, string selector, bool scrollIntoView, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        var parts = selector.Split(FrameSeparator, StringSplitOptions.TrimEntries);
        if (parts.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException(
                $"The target selector '{selector}' has an empty part around '{FrameSeparator}'; write "
                + "'iframe#id >>> inner-selector'.",
                nameof(selector));
        }

        IFrameLocator? frame = null;
        foreach (var frameSelector in parts[..^1])
        {
            await RequireOneAsync(FrameScopes.Locate(page, frame, frameSelector), selector, frameSelector, cancellationToken)
                .ConfigureAwait(false);
            frame = frame is null ? page.FrameLocator(frameSelector) : frame.FrameLocator(frameSelector);
        }

        var locator = FrameScopes.Locate(page, frame, parts[^1]);
        await RequireOneAsync(locator, selector, parts[^1], cancellationToken).ConfigureAwait(false);
        if (scrollIntoView)
        {
            await locator.ScrollIntoViewIfNeededAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // BoundingBoxAsync is relative to the main frame's viewport, also inside iframes.
        var box = await locator.BoundingBoxAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return box is null ? null : new CssRect(box.X, box.Y, box.Width, box.Height);
    }

    private static async Task RequireOneAsync(ILocator locator, string selector, string part, CancellationToken cancellationToken)
    {
        var count = await locator.CountAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (count != 1)
        {
            var where = part == selector ? string.Empty : $" (its part '{part}')";
            throw new ArgumentException(
                $"The target selector '{selector}'{where} matched {count} elements; it must match exactly one. "
                + "Make it more specific (an id, or :nth-of-type), or cross a frame with 'iframe#id >>> inner'.",
                nameof(selector));
        }
    }
}
