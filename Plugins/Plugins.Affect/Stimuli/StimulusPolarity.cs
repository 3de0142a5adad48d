namespace Plugins.Affect.Stimuli;

/// <summary>Whether an emotional stimulus encourages (EmotionPrompt) or pressures (NegativePrompt).</summary>
public enum StimulusPolarity
{
    /// <summary>Encouraging stimuli (EmotionPrompt, Li et al. 2023); data name <c>positive</c>.</summary>
    Positive,

    /// <summary>Pressuring stimuli (NegativePrompt, Wang et al. 2024); data name <c>negative</c>.</summary>
    Negative,
}
