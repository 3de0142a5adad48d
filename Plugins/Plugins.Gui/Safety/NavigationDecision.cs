namespace Plugins.Gui.Safety;

/// <summary>The navigation policy's answer for one URL.</summary>
/// <param name="Allowed">Whether the browser may load the URL.</param>
/// <param name="Reason">Why, in a sentence a person or a model can read; when refused it says how to allow it.</param>
public sealed record NavigationDecision(bool Allowed, string Reason);
