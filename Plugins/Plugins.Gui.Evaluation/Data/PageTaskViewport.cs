namespace Plugins.Gui.Evaluation.Data;

/// <summary>A page task's viewport size in CSS pixels.</summary>
/// <param name="Width">Width, at least 1.</param>
/// <param name="Height">Height, at least 1.</param>
public sealed record PageTaskViewport(int Width, int Height);
