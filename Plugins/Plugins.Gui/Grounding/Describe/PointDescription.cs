namespace Plugins.Gui.Grounding.Describe;

/// <summary>What a vision model says is at a point: the element's role and its text.</summary>
/// <param name="Role">The role, lower case (e.g. <c>button</c>, <c>link</c>, <c>textbox</c>).</param>
/// <param name="Text">The element's text or name; empty when the answer gave none.</param>
public sealed record PointDescription(string Role, string Text)
{
    /// <summary>The answer text for this description, as <see cref="PointDescriber.Parse"/> reads it: <c>role 'text'</c>.</summary>
    /// <returns>For example <c>button 'Sign in'</c>.</returns>
    public override string ToString() => PointDescriber.Format(Role, Text);
}
