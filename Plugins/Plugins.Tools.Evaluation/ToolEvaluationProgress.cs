namespace Plugins.Tools.Evaluation;

/// <summary>Progress of an evaluation: reported once per query evaluated.</summary>
/// <param name="Completed">Queries done so far.</param>
/// <param name="Total">Queries to do.</param>
public sealed record ToolEvaluationProgress(int Completed, int Total);
