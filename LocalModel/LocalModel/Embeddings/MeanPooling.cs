using System;

namespace LocalModel.Embeddings;

/// <summary>
/// sentence-transformers' <c>Pooling(pooling_mode_mean_tokens=True)</c> followed by <c>Normalize()</c>: the
/// attention-masked mean of the last hidden state, divided by its L2 norm.
/// </summary>
internal static class MeanPooling
{
    // sentence-transformers clamps the mask sum at 1e-9; torch.nn.functional.normalize clamps the norm at 1e-12.
    private const float MaskSumEpsilon = 1e-9f;
    private const float NormEpsilon = 1e-12f;

    /// <summary>
    /// Pools row <paramref name="row"/> of a [batch, sequence, dimensions] hidden state into
    /// <paramref name="destination"/> (length dimensions), using that row's [sequence] attention mask.
    /// </summary>
    public static void PoolAndNormalize(ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int row, int sequence, Span<float> destination)
    {
        var dimensions = destination.Length;
        destination.Clear();
        var maskSum = 0f;
        for (var t = 0; t < sequence; t++)
        {
            float weight = mask[(row * sequence) + t];
            if (weight == 0)
            {
                continue;
            }

            maskSum += weight;
            var token = hidden.Slice(((row * sequence) + t) * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                destination[i] += token[i] * weight;
            }
        }

        var inverseCount = 1f / MathF.Max(maskSum, MaskSumEpsilon);
        var squares = 0f;
        for (var i = 0; i < dimensions; i++)
        {
            destination[i] *= inverseCount;
            squares += destination[i] * destination[i];
        }

        var inverseNorm = 1f / MathF.Max(MathF.Sqrt(squares), NormEpsilon);
        for (var i = 0; i < dimensions; i++)
        {
            destination[i] *= inverseNorm;
        }
    }
}
