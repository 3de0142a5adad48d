using System;

namespace LocalModel.Generation;

/// <summary>
/// Masks the ids past the tokenizer's vocabulary: checkpoints pad the embedding and the LM head beyond the tokens
/// (Qwen2.5-VL: 151,936 or 152,064 rows for 151,665 tokens), and an id with no token can be neither decoded nor fed
/// back meaningfully, so it is never chosen.
/// </summary>
internal sealed class UntokenizedIdMask : ILogitsProcessor
{
    private readonly int _firstUnused;

    /// <param name="tokenizerVocabulary">The tokenizer's token count; ids from here up have no token.</param>
    public UntokenizedIdMask(int tokenizerVocabulary) => _firstUnused = tokenizerVocabulary;

    public void Process(Span<float> logits, int remainingTokens)
    {
        if (_firstUnused < logits.Length)
        {
            logits[_firstUnused..].Fill(float.NegativeInfinity);
        }
    }

    public void Observe(int tokenId, bool generated)
    {
    }
}
