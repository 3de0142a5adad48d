using System;

namespace LocalModel.Generation;

/// <summary>
/// OpenAI's frequency and presence penalties over the tokens generated in this completion (the prompt does not
/// count): <c>logit[j] -= count[j] * frequency + (count[j] &gt; 0 ? presence : 0)</c>. Preallocated: observing and
/// processing allocate nothing.
/// </summary>
internal sealed class FrequencyPresencePenaltyProcessor : ILogitsProcessor
{
    private readonly float _frequency;
    private readonly float _presence;
    private readonly int[] _counts;
    private readonly int[] _ids;
    private int _distinct;

    public FrequencyPresencePenaltyProcessor(float frequency, float presence, int vocabSize, int maxTokens)
    {
        _frequency = frequency;
        _presence = presence;
        _counts = new int[vocabSize];
        _ids = new int[Math.Min(vocabSize, Math.Max(maxTokens, 1))];
    }

    public void Process(Span<float> logits, int remainingTokens)
    {
        for (var i = 0; i < _distinct; i++)
        {
            var id = _ids[i];
            logits[id] -= (_counts[id] * _frequency) + _presence;
        }
    }

    public void Observe(int tokenId, bool generated)
    {
        if (!generated || (uint)tokenId >= (uint)_counts.Length)
        {
            return;
        }

        if (_counts[tokenId]++ == 0 && _distinct < _ids.Length)
        {
            _ids[_distinct++] = tokenId;
        }
    }
}
