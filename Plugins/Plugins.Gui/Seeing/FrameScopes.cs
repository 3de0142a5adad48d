using System.Collections.Generic;
using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>Builds Playwright locators inside a chain of iframes named by CSS selectors.</summary>
internal static class FrameScopes
{
    /// <summary>The frame locator for <paramref name="framePath"/>, outermost first; null for the top document.</summary>
    public static IFrameLocator? Enter(IPage page, IReadOnlyList<string> framePath)
    {
        IFrameLocator? frame = null;
        foreach (var selector in framePath)
        {
            frame = frame is null ? page.FrameLocator(selector) : frame.FrameLocator(selector);
        }

        return frame;
    }

    /// <summary>A CSS locator inside the frame, or in the page when <paramref name="frame"/> is null.</summary>
    public static ILocator Locate(IPage page, IFrameLocator? frame, string selector) =>
        frame is null ? page.Locator(selector) : frame.Locator(selector);
}
