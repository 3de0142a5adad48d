namespace Plugins.Gui.Evaluation;

/// <summary>Progress of <see cref="GroundingEvaluator"/>: one report per record evaluated.</summary>
/// <param name="Done">Records evaluated so far.</param>
/// <param name="Total">Records to evaluate.</param>
/// <param name="Outcome">The record just evaluated.</param>
public sealed record GroundingProgress(int Done, int Total, GroundingOutcome Outcome);
