namespace Agents.Training.Writing;

/// <summary>Progress of one exporter in a <see cref="TrainingSetExporter"/> run.</summary>
/// <param name="Task">The exporter's name (as in <c>--tasks</c>).</param>
/// <param name="Done">The items done so far (as the exporter counts them: examples, pages or flows).</param>
/// <param name="Total">The items requested from it.</param>
public sealed record TrainingExportProgress(string Task, int Done, int Total);
