namespace Plugins.Tools.Evaluation.Generation;

/// <summary>Progress of generation: reported once per query written.</summary>
/// <param name="Completed">Queries done.</param>
/// <param name="Total">Queries to do.</param>
public sealed record ToolDataProgress(int Completed, int Total);
