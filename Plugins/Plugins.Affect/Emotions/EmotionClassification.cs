using System.Collections.Generic;

namespace Plugins.Affect.Emotions;

/// <summary>The multi-label answer (EmoLLMs E-c): the emotions the text expresses, from a fixed label set.</summary>
/// <param name="Emotions">The labels chosen, lower-case, in the model's order, no repeats; empty means no emotion (neutral).</param>
/// <param name="LabelSet">The name of the label set they come from.</param>
/// <param name="Hints">The stage-1 hints offered to the model, or <see langword="null"/> when hints were off.</param>
public sealed record EmotionClassification(IReadOnlyList<string> Emotions, string LabelSet, EmotionHints? Hints);
