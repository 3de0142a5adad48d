using System;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>
/// The key/value cache of one request: two buffers per layer and kind (read the past from one, the decoder writes
/// <c>present</c> into the other), an all-ones attention mask, and — for host buffers — the tensor wrappers for
/// every length, created on first use and kept, so a warm decode step creates no objects. Sets are pooled by the
/// engine and reused across requests. Not thread-safe: one request uses a set at a time.
/// </summary>
internal sealed class KvCacheSet : IDisposable
{
    /// <summary>The most tensor wrappers one set keeps; larger sets create wrappers per step instead.</summary>
    private const long MaxCachedWrappers = 1 << 16;
    private readonly NativeTensorBuffer[,,] _buffers;
    private readonly OrtValue?[]? _maskValues;
    private readonly OrtValue?[,,,]? _kvValues;
    private readonly long[] _maskShape = { 1, 0 };
    private readonly long[] _kvShape;

    public KvCacheSet(int layers, int kvHeads, int headDim, int capacity, OrtAllocator? deviceAllocator)
    {
        Layers = layers;
        Capacity = capacity;
        _kvShape = new long[] { 1, kvHeads, 0, headDim };
        _buffers = new NativeTensorBuffer[layers, 2, 2];
        try
        {
            var elements = (long)kvHeads * capacity * headDim;
            for (var l = 0; l < layers; l++)
            {
                for (var kind = 0; kind < 2; kind++)
                {
                    for (var b = 0; b < 2; b++)
                    {
                        _buffers[l, kind, b] = deviceAllocator is not null
                            ? NativeTensorBuffer.Device(deviceAllocator, elements, TensorElementType.Float)
                            : NativeTensorBuffer.Host(elements, TensorElementType.Float);
                    }
                }
            }

            Mask = NativeTensorBuffer.Host(capacity, TensorElementType.Int64);
            Mask.HostSpan<long>(capacity).Fill(1);
            IsHost = deviceAllocator is null;
            if (IsHost && (long)layers * 4 * (capacity + 1) <= MaxCachedWrappers)
            {
                _maskValues = new OrtValue?[capacity + 1];
                _kvValues = new OrtValue?[layers, 2, 2, capacity + 1];
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Layers { get; }

    public int Capacity { get; }

    public bool IsHost { get; }

    public NativeTensorBuffer Mask { get; } = null!;

    public NativeTensorBuffer Buffer(int layer, int kind, int buffer) => _buffers[layer, kind, buffer];

    /// <summary>Returns an attention-mask tensor of <paramref name="length"/>; <paramref name="owned"/> tells whether the caller must dispose it.</summary>
    public OrtValue MaskValue(int length, out bool owned)
    {
        if (_maskValues is null)
        {
            owned = true;
            _maskShape[1] = length;
            return Mask.CreateValue(_maskShape);
        }

        owned = false;
        if (_maskValues[length] is { } cached)
        {
            return cached;
        }

        _maskShape[1] = length;
        return _maskValues[length] = Mask.CreateValue(_maskShape);
    }

    /// <summary>Returns a cache tensor of <paramref name="length"/> positions over one buffer; <paramref name="owned"/> tells whether the caller must dispose it.</summary>
    public OrtValue KvValue(int layer, int kind, int buffer, int length, out bool owned)
    {
        if (_kvValues is null)
        {
            owned = true;
            _kvShape[2] = length;
            return _buffers[layer, kind, buffer].CreateValue(_kvShape);
        }

        owned = false;
        if (_kvValues[layer, kind, buffer, length] is { } cached)
        {
            return cached;
        }

        _kvShape[2] = length;
        return _kvValues[layer, kind, buffer, length] = _buffers[layer, kind, buffer].CreateValue(_kvShape);
    }

    public void Dispose()
    {
        if (_kvValues is not null)
        {
            foreach (var v in _kvValues)
            {
                v?.Dispose();
            }
        }

        if (_maskValues is not null)
        {
            foreach (var v in _maskValues)
            {
                v?.Dispose();
            }
        }

        Mask?.Dispose();
        foreach (var b in _buffers)
        {
            b?.Dispose();
        }
    }
}
