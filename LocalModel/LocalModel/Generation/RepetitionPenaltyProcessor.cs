using System;

namespace LocalModel.Generation;

/// <summary>
/// The repetition penalty of CTRL / HF transformers: the logit of every token already in the sequence (prompt and
/// generated) is divided by the penalty when positive and multiplied by it when negative. Preallocated: observing
/// and processing allocate nothing.
/// </summary>
internal sealed class RepetitionPenaltyProcessor : ILogitsProcessor
{
    private readonly float _penalty;
    private readonly bool[] _seen;
    private readonly int[] _seenIds;
    private int _seenCount;

    public RepetitionPenaltyProcessor(float penalty, int vocabSize, int capacity)
    {
        _penalty = penalty;
        _seen = new bool[vocabSize];
        _seenIds = new int[Math.Min(vocabSize, Math.Max(capacity, 1))];
    }

    public void Process(Span<float> logits, int remainingTokens)
    {
        for (var i = 0; i < _seenCount; i++)
        {
            ref var l = ref logits[_seenIds[i]];
            l = l > 0 ? l / _penalty : l * _penalty;
        }
    }

    public void Observe(int tokenId, bool generated)
    {
        if ((uint)tokenId < (uint)_seen.Length && !_seen[tokenId] && _seenCount < _seenIds.Length)
        {
            _seen[tokenId] = true;
            _seenIds[_seenCount++] = tokenId;
        }
    }
}
