using System.Collections.Generic;

namespace Plugins.Affect.Emotions;

/// <summary>One candidate emotion of <see cref="EmotionHints"/>.</summary>
/// <param name="Emotion">The label, from the label set.</param>
/// <param name="Score">The evidence: one per cue word found un-negated, times the polarity factor (see <see cref="EmotionHintProvider"/>).</param>
/// <param name="CueWords">The cue words of the text that suggested it, as they appear (lower-case), in text order.</param>
public sealed record EmotionCandidate(string Emotion, double Score, IReadOnlyList<string> CueWords);
