namespace Plugins.Affect.Stimuli;

/// <summary>
/// The psychological theory a stimulus draws on. The first three are positive (EmotionPrompt), the last three
/// negative (NegativePrompt); <see cref="EmotionalStimulusSet"/> rejects data that pairs a theory with the other polarity.
/// </summary>
public enum StimulusTheory
{
    /// <summary>Self-monitoring: watching and adjusting one's own behaviour (positive; data name <c>self_monitoring</c>).</summary>
    SelfMonitoring,

    /// <summary>Social cognitive theory: self-efficacy and goals (positive; data name <c>social_cognitive</c>).</summary>
    SocialCognitive,

    /// <summary>Cognitive emotion regulation: reappraisal, calm (positive; data name <c>cognitive_emotion_regulation</c>).</summary>
    CognitiveEmotionRegulation,

    /// <summary>Cognitive dissonance: a conflict between self-image and behaviour (negative; data name <c>cognitive_dissonance</c>).</summary>
    CognitiveDissonance,

    /// <summary>Social comparison: measured against others (negative; data name <c>social_comparison</c>).</summary>
    SocialComparison,

    /// <summary>Stress and coping: time pressure and stakes (negative; data name <c>stress_and_coping</c>).</summary>
    StressAndCoping,
}
