namespace Plugins.Affect.Emotions;

/// <summary>The valence answer (EmoLLMs V-reg): how positive the writer's mental state is.</summary>
/// <param name="Valence">The valence, 0 (most negative) .. 0.5 (neutral) .. 1 (most positive): <paramref name="Score"/> / 100.</param>
/// <param name="Score">The integer the model wrote, 0..100.</param>
public sealed record ValenceRating(double Valence, int Score);
