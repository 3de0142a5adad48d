namespace Plugins.Affect.Emotions;

/// <summary>The emotion-and-cause answer: the main emotion and the words of the text that cause it.</summary>
/// <param name="Emotion">The emotion, from the label set.</param>
/// <param name="Cause">The cause, a span quoted from the text (as the model wrote it; it occurs in the text ignoring case).</param>
/// <param name="Start">Where the span starts in the text (character index of its first occurrence, ignoring case).</param>
public sealed record EmotionCause(string Emotion, string Cause, int Start);
