using System.Collections.Generic;

namespace Plugins.Affect.Visual;

/// <summary>The visual affect answer: the visual clues the model listed first, then the emotion the image evokes.</summary>
/// <param name="Clues">The clues, in the model's order (1..MaxClues short strings).</param>
/// <param name="Emotion">The emotion, from the label set (lower-case).</param>
/// <param name="LabelSet">The name of the label set.</param>
/// <param name="PolarityHint">The polarity hint given to the model (<c>positive</c>, <c>negative</c>, <c>neutral</c>), or <see langword="null"/>.</param>
public sealed record VisualEmotion(IReadOnlyList<string> Clues, string Emotion, string LabelSet, string? PolarityHint);
