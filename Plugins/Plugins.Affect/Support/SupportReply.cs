namespace Plugins.Affect.Support;

/// <summary>The supporter's reply and the strategy it used.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Definition">The strategy's definition (what the responder was asked to do).</param>
/// <param name="Text">The reply text, as the model wrote it.</param>
public sealed record SupportReply(string Strategy, string Definition, string Text);
