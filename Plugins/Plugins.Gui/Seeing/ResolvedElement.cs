using Microsoft.Playwright;

namespace Plugins.Gui.Seeing;

/// <summary>An element found again from its <see cref="ElementReference"/>.</summary>
/// <param name="Locator">A locator that matches exactly the element (role and name with its ordinal, or its CSS path).</param>
/// <param name="Box">Its current box in top-viewport CSS pixels (iframe offsets included); not clipped to the viewport.</param>
public sealed record ResolvedElement(ILocator Locator, CssRect Box);
