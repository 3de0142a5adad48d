namespace Plugins.Affect.Evaluation;

/// <summary>The result of one face.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Label">The true emotion.</param>
/// <param name="Predicted">The emotion the model read, or null when its answer was unusable.</param>
/// <param name="Correct">Whether <paramref name="Predicted"/> equals <paramref name="Label"/>.</param>
/// <param name="Milliseconds">The time of the reader call.</param>
/// <param name="Error">Why the answer was unusable, or null.</param>
public sealed record VisualEmotionOutcome(string Id, string Label, string? Predicted, bool Correct, double Milliseconds, string? Error);
