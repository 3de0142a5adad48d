namespace Plugins.Affect.Evaluation;

/// <summary>The accuracy on the faces of one true label.</summary>
/// <param name="Label">The label.</param>
/// <param name="Count">Faces with that label.</param>
/// <param name="Correct">Of those, read right.</param>
/// <param name="Accuracy"><paramref name="Correct"/> / <paramref name="Count"/> (0 when there are none).</param>
public sealed record EmotionLabelScore(string Label, int Count, int Correct, double Accuracy);
