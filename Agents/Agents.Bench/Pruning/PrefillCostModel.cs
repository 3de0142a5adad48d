using System;
using System.Collections.Generic;

namespace Agents.Bench.Pruning;

/// <summary>
/// The per-layer prefill cost FastV uses to compare budgets: C(n) = 4nd² + 2n²d + 2ndm for n tokens, hidden size d
/// and MLP width m (attention projections, attention scores and values, MLP). For theoretical ratios only.
/// </summary>
public static class PrefillCostModel
{
    /// <summary>Returns the cost of one decoder layer over <paramref name="tokens"/> positions.</summary>
    public static double LayerCost(double tokens, int hiddenSize, int mlpSize) =>
        (4 * tokens * hiddenSize * (double)hiddenSize) + (2 * tokens * tokens * hiddenSize) + (2 * tokens * hiddenSize * (double)mlpSize);

    /// <summary>Returns the decoder's prefill cost when layer l sees <paramref name="tokensPerLayer"/>[l] positions.</summary>
    public static double DecoderCost(IReadOnlyList<int> tokensPerLayer, int hiddenSize, int mlpSize)
    {
        ArgumentNullException.ThrowIfNull(tokensPerLayer);
        double total = 0;
        foreach (var n in tokensPerLayer)
        {
            total += LayerCost(n, hiddenSize, mlpSize);
        }

        return total;
    }

    /// <summary>Returns the decoder's prefill cost when every one of <paramref name="layers"/> layers sees <paramref name="tokens"/> positions.</summary>
    public static double DecoderCost(int tokens, int layers, int hiddenSize, int mlpSize) => layers * LayerCost(tokens, hiddenSize, mlpSize);
}
