namespace Agents.Evaluation;

/// <summary>What one run of an <see cref="IModelEvaluationTask"/> scored.</summary>
/// <param name="Accuracy">The headline accuracy, in [0, 1] (0 when <paramref name="Count"/> is 0).</param>
/// <param name="Count">How many records were scored.</param>
public sealed record ModelTaskScore(double Accuracy, int Count);
