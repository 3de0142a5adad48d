using System;

namespace LocalModel.Generation;

/// <summary>
/// The last stage of the <see cref="LogitsPipeline"/>: chooses the next token from processed logits, by greedy
/// argmax or temperature / top-k / top-p sampling. Holds preallocated work buffers sized to the vocabulary, so
/// sampling allocates nothing per token. One instance per request; not thread-safe.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingOptions _options;
    private readonly Random _random;
    private readonly float[] _keys;
    private readonly int[] _ids;

    public TokenSampler(SamplingOptions options, int vocabSize)
    {
        _options = options;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        if (!options.IsGreedy)
        {
            _keys = new float[vocabSize];
            _ids = new int[vocabSize];
        }
        else
        {
            _keys = Array.Empty<float>();
            _ids = Array.Empty<int>();
        }
    }

    /// <summary>Returns the next token id; <paramref name="logits"/> may be modified.</summary>
    public int Next(Span<float> logits)
    {
        if (_options.IsGreedy)
        {
            return ArgMax(logits);
        }

        // Sort candidates by logit, descending (keys negated so Array.Sort's ascending order works).
        var n = logits.Length;
        for (var i = 0; i < n; i++)
        {
            _keys[i] = -logits[i];
            _ids[i] = i;
        }

        var count = n;
        if (_options.TopK > 0 && _options.TopK < n)
        {
            count = _options.TopK;
            PartialSelect(n, count);
        }

        Array.Sort(_keys, _ids, 0, count);
        var invT = 1f / _options.Temperature;
        var max = -_keys[0];
        float sum = 0;
        for (var i = 0; i < count; i++)
        {
            var p = MathF.Exp((-_keys[i] - max) * invT);
            _keys[i] = p;
            sum += p;
        }

        if (_options.TopP < 1f)
        {
            var cumulative = 0f;
            var keep = count;
            for (var i = 0; i < count; i++)
            {
                cumulative += _keys[i] / sum;
                if (cumulative >= _options.TopP)
                {
                    keep = i + 1;
                    break;
                }
            }

            count = keep;
            sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += _keys[i];
            }
        }

        var r = (float)_random.NextDouble() * sum;
        for (var i = 0; i < count; i++)
        {
            r -= _keys[i];
            if (r <= 0)
            {
                return _ids[i];
            }
        }

        return _ids[count - 1];
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        var bestValue = float.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] > bestValue)
            {
                bestValue = values[i];
                best = i;
            }
        }

        return best;
    }

    /// <summary>Moves the <paramref name="k"/> smallest keys (largest logits) to the front (quickselect).</summary>
    private void PartialSelect(int n, int k)
    {
        int lo = 0, hi = n - 1;
        while (lo < hi)
        {
            var pivot = _keys[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (_keys[i] < pivot)
                {
                    i++;
                }

                while (_keys[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (_keys[i], _keys[j]) = (_keys[j], _keys[i]);
                    (_ids[i], _ids[j]) = (_ids[j], _ids[i]);
                    i++;
                    j--;
                }
            }

            if (k - 1 <= j)
            {
                hi = j;
            }
            else if (k - 1 >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }
    }
}
