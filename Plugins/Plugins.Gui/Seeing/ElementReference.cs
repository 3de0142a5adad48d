using System.Collections.Generic;

namespace Plugins.Gui.Seeing;

/// <summary>
/// How to find an element again after the page re-renders: by accessibility role and accessible name (the
/// <paramref name="Ordinal"/>-th match, 0-based, in document order), inside the frames named by
/// <paramref name="FramePath"/>, with a CSS path as the fallback. Actions re-resolve a reference before each use,
/// so a candidate id from an earlier snapshot stays usable when the DOM node behind it was replaced.
/// </summary>
/// <param name="Role">ARIA role (explicit or implicit), e.g. <c>button</c>, <c>link</c>, <c>textbox</c>.</param>
/// <param name="Name">Accessible name; empty when the element has none.</param>
/// <param name="Ordinal">Index among the elements of the same role and name in the same frame.</param>
/// <param name="CssPath">A CSS selector that matched exactly this element when the snapshot was taken.</param>
/// <param name="FramePath">CSS selectors of the iframes to enter from the top document, outermost first; empty for the top document.</param>
public sealed record ElementReference(string Role, string Name, int Ordinal, string CssPath, IReadOnlyList<string> FramePath);
