namespace Plugins.Gui.Seeing;

/// <summary>What is on top at a point of the viewport, compared with the element an action expects there.</summary>
/// <param name="HitsExpected">
/// Whether the top element at the point is the expected element, lies inside it, or is a label of it (or the expected
/// label's control); false when no element was expected or the expected element is gone.
/// </param>
/// <param name="IsCovered">
/// Whether the point lies inside the expected element's box but another element is on top there: an overlay such as
/// a cookie banner or a modal. Clicking would reach <paramref name="CoveringElement"/>, not the target.
/// </param>
/// <param name="TopElement">A readable description of the top element at the point, e.g. <c>button#send "Send"</c>; <c>(nothing)</c> outside the page.</param>
/// <param name="CoveringElement">
/// When covered, the overlay as tag, id, role and its first 60 characters of text, e.g.
/// <c>div#cookie-banner "We use cookies… Accept"</c>: the outermost ancestor of the top element that does not contain
/// the target; otherwise null.
/// </param>
public sealed record HitTestResult(bool HitsExpected, bool IsCovered, string TopElement, string? CoveringElement);
