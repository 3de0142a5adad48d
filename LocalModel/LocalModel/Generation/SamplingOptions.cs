using System;

namespace LocalModel.Generation;

/// <summary>How the next token is chosen. Defaults give greedy decoding.</summary>
public sealed record SamplingOptions
{
    /// <summary>Gets the temperature; 0 (default) means greedy (argmax).</summary>
    public float Temperature { get; init; }

    /// <summary>Gets the number of most likely tokens sampled from; 0 (default) means no limit.</summary>
    public int TopK { get; init; }

    /// <summary>Gets the nucleus mass; 1 (default) means no limit.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Gets the repetition penalty (HF/CTRL semantics: logits of tokens already in the sequence are divided by it when positive, multiplied when negative); 1 (default) disables it.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    /// <summary>
    /// Gets the frequency penalty (OpenAI semantics: each token's logit is lowered by this times the number of
    /// times the token was already generated in this completion); 0 (default) disables it. Range [-2, 2].
    /// </summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>
    /// Gets the presence penalty (OpenAI semantics: each token already generated in this completion has its logit
    /// lowered by this, once); 0 (default) disables it. Range [-2, 2].
    /// </summary>
    public float PresencePenalty { get; init; }

    /// <summary>Gets the random seed; null draws a fresh one per request.</summary>
    public int? Seed { get; init; }

    /// <summary>Gets whether sampling is greedy.</summary>
    public bool IsGreedy => Temperature <= 0f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (float.IsNaN(Temperature) || Temperature < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "Temperature must be 0 (greedy) or positive.");
        }

        if (TopK < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be 0 (off) or positive.");
        }

        if (float.IsNaN(TopP) || TopP <= 0f || TopP > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "TopP must be in (0, 1].");
        }

        if (float.IsNaN(RepetitionPenalty) || RepetitionPenalty <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(RepetitionPenalty), RepetitionPenalty, "RepetitionPenalty must be positive (1 disables it).");
        }

        if (float.IsNaN(FrequencyPenalty) || FrequencyPenalty < -2f || FrequencyPenalty > 2f)
        {
            throw new ArgumentOutOfRangeException(nameof(FrequencyPenalty), FrequencyPenalty, "FrequencyPenalty must be in [-2, 2] (0 disables it).");
        }

        if (float.IsNaN(PresencePenalty) || PresencePenalty < -2f || PresencePenalty > 2f)
        {
            throw new ArgumentOutOfRangeException(nameof(PresencePenalty), PresencePenalty, "PresencePenalty must be in [-2, 2] (0 disables it).");
        }
    }
}
