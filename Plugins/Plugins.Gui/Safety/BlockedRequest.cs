namespace Plugins.Gui.Safety;

/// <summary>Something a task's page tried to load or open and the navigation policy stopped.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Kind"><c>navigation</c> (the page itself), <c>frame</c>, <c>subresource</c> (image, script, fetch) or <c>popup</c>.</param>
/// <param name="Reason">The policy's reason.</param>
public sealed record BlockedRequest(string Url, string Kind, string Reason);
