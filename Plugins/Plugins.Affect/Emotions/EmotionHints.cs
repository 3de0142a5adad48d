using System.Collections.Generic;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The stage-1 proposal of HEF-style prompting (a small model proposes, the LLM decides): candidate primary emotions
/// and the cue words behind them, offered to the model before it answers.
/// </summary>
/// <param name="Candidates">Candidate emotions, best first (may be empty).</param>
/// <param name="CueWords">The words that suggested them and the words that drove the sentiment score, in text order, no repeats.</param>
/// <param name="Polarity">The sentiment analyzer's polarity (<c>positive</c>, <c>negative</c>, <c>neutral</c>: VADER's compound &gt;= 0.05, &lt;= -0.05, else), or <see langword="null"/> without an analyzer.</param>
/// <param name="Compound">The analyzer's compound score (-1..1), or <see langword="null"/> without an analyzer.</param>
public sealed record EmotionHints(IReadOnlyList<EmotionCandidate> Candidates, IReadOnlyList<string> CueWords, string? Polarity, double? Compound);
