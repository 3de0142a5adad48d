namespace Plugins.Affect.Text;

/// <summary>A word (or emoji description, or idiom) that moved a sentence's sentiment, with its valence after the rules applied.</summary>
/// <param name="Word">The word as it appeared (lower-cased), or the idiom or emoji description.</param>
/// <param name="Valence">Its valence in the sentence after negation, boosters, capitals and "but" (VADER's -4..4 scale, can exceed it slightly).</param>
public sealed record SentimentDriver(string Word, double Valence);
