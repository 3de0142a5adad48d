using System;
using System.Collections.Generic;
using System.Numerics;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>
/// Keeps released <see cref="KvCacheSet"/>s for reuse. Capacities are rounded up to a power of two (at least 64,
/// at most the context length) so sets fit many requests. Thread-safe.
/// </summary>
internal sealed class KvCachePool : IDisposable
{
    private readonly List<KvCacheSet> _free = new();
    private readonly int _layers;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly int _contextLength;
    private readonly int _maxRetained;
    private readonly OrtAllocator? _deviceAllocator;
    private bool _disposed;

    public KvCachePool(int layers, int kvHeads, int headDim, int contextLength, int maxRetained, OrtAllocator? deviceAllocator)
    {
        _layers = layers;
        _kvHeads = kvHeads;
        _headDim = headDim;
        _contextLength = contextLength;
        _maxRetained = maxRetained;
        _deviceAllocator = deviceAllocator;
    }

    public KvCacheSet Rent(int capacity)
    {
        lock (_free)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                if (_free[i].Capacity >= capacity && (best < 0 || _free[i].Capacity < _free[best].Capacity))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var set = _free[best];
                _free.RemoveAt(best);
                return set;
            }
        }

        var rounded = (int)Math.Min(_contextLength, Math.Max(64, BitOperations.RoundUpToPowerOf2((uint)capacity)));
        return new KvCacheSet(_layers, _kvHeads, _headDim, Math.Max(rounded, capacity), _deviceAllocator);
    }

    public void Return(KvCacheSet set)
    {
        lock (_free)
        {
            if (!_disposed && _free.Count < _maxRetained)
            {
                _free.Add(set);
                return;
            }
        }

        set.Dispose();
    }

    public void Dispose()
    {
        lock (_free)
        {
            _disposed = true;
            foreach (var set in _free)
            {
                set.Dispose();
            }

            _free.Clear();
        }
    }
}
