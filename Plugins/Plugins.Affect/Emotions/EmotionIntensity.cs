namespace Plugins.Affect.Emotions;

/// <summary>The per-emotion intensity answer (EmoLLMs EI-reg).</summary>
/// <param name="Emotion">The emotion rated.</param>
/// <param name="Intensity">The intensity, 0 (none) .. 1 (extreme): <paramref name="Score"/> / 100.</param>
/// <param name="Score">The integer the model wrote, 0..100.</param>
public sealed record EmotionIntensity(string Emotion, double Intensity, int Score);
