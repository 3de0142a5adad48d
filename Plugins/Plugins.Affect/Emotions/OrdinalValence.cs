namespace Plugins.Affect.Emotions;

/// <summary>The ordinal valence answer (EmoLLMs V-oc, SemEval-2018 Task 1's seven classes).</summary>
/// <param name="Level">The class, -3 (very negative) .. 0 (neutral or mixed) .. 3 (very positive).</param>
/// <param name="Description">The class's meaning, e.g. <c>"moderately positive"</c>.</param>
public sealed record OrdinalValence(int Level, string Description);
