namespace Plugins.Affect.Support;

/// <summary>An emotional-support strategy (ESConv label) with our own definition.</summary>
/// <param name="Name">The snake_case label, for example <c>reflection_of_feelings</c>.</param>
/// <param name="Definition">What a turn using it does, in one or two sentences.</param>
public sealed record SupportStrategy(string Name, string Definition);
