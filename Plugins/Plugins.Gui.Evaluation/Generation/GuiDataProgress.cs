namespace Plugins.Gui.Evaluation.Generation;

/// <summary>Progress of <see cref="GuiDataGenerator"/>: one report per task written.</summary>
/// <param name="Done">Tasks written so far.</param>
/// <param name="Total">Tasks to write.</param>
/// <param name="TaskId">The task just written.</param>
public sealed record GuiDataProgress(int Done, int Total, string TaskId);
