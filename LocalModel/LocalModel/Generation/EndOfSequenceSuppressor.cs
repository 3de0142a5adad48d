using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModel.Generation;

/// <summary>Masks every end-of-sequence token, so generation runs to its token limit (GenAI's <c>min_length</c>).</summary>
internal sealed class EndOfSequenceSuppressor : ILogitsProcessor
{
    private readonly int[] _eos;

    public EndOfSequenceSuppressor(IEnumerable<int> eos) => _eos = eos.ToArray();

    public void Process(Span<float> logits, int remainingTokens)
    {
        foreach (var id in _eos)
        {
            logits[id] = float.NegativeInfinity;
        }
    }

    public void Observe(int tokenId, bool generated)
    {
    }
}
