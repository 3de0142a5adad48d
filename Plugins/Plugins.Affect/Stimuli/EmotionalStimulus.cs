namespace Plugins.Affect.Stimuli;

/// <summary>One emotional stimulus sentence, appended after a task prompt.</summary>
/// <param name="Id">Its unique id in the set (for example <c>pos-self-monitoring-1</c>).</param>
/// <param name="Polarity">Positive (EmotionPrompt) or negative (NegativePrompt).</param>
/// <param name="Theory">The psychological theory it draws on.</param>
/// <param name="Text">The sentence itself.</param>
public sealed record EmotionalStimulus(string Id, StimulusPolarity Polarity, StimulusTheory Theory, string Text);
