namespace LocalModel.Constrained;

/// <summary>A declared property of a compiled object node.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Node">The node its value follows.</param>
/// <param name="Required">Whether the property must be present.</param>
internal readonly record struct ObjectProperty(string Name, int Node, bool Required);
