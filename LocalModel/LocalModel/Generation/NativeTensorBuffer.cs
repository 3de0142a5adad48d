using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>
/// A fixed-capacity native buffer that <see cref="OrtValue"/> tensors of varying shape are created over without
/// copying. Host buffers come from <see cref="NativeMemory"/>; device buffers from an ONNX Runtime allocator.
/// </summary>
internal sealed unsafe class NativeTensorBuffer : IDisposable
{
    private readonly OrtMemoryAllocation? _deviceAllocation;
    private readonly OrtMemoryInfo _memoryInfo;
    private void* _host;

    private NativeTensorBuffer(OrtMemoryInfo memoryInfo, long bytes, void* host, OrtMemoryAllocation? device, TensorElementType type)
    {
        _memoryInfo = memoryInfo;
        ByteCapacity = bytes;
        _host = host;
        _deviceAllocation = device;
        ElementType = type;
    }

    public long ByteCapacity { get; }

    public TensorElementType ElementType { get; }

    public bool IsHost => _host is not null;

    /// <summary>Gets the start of a host buffer.</summary>
    /// <exception cref="InvalidOperationException">The buffer is on a device.</exception>
    public void* Pointer => _host is not null ? _host : throw new InvalidOperationException("Device buffers have no host pointer.");

    public static NativeTensorBuffer Host(long elements, TensorElementType type)
    {
        var bytes = Math.Max(1, elements) * ElementSize(type);
        var ptr = NativeMemory.AlignedAlloc((nuint)bytes, 64);
        NativeMemory.Clear(ptr, (nuint)bytes);
        return new NativeTensorBuffer(OrtMemoryInfo.DefaultInstance, bytes, ptr, null, type);
    }

    public static NativeTensorBuffer Device(OrtAllocator allocator, long elements, TensorElementType type)
    {
        var bytes = Math.Max(1, elements) * ElementSize(type);
        if (bytes > uint.MaxValue)
        {
            throw new InvalidOperationException($"A single cache buffer of {bytes} bytes exceeds the allocator's 4 GiB limit; shorten the context.");
        }

        var allocation = allocator.Allocate((uint)bytes);
        return new NativeTensorBuffer(allocator.Info, bytes, null, allocation, type);
    }

    /// <summary>Binds a tensor of <paramref name="shape"/> over the start of the buffer as an input or output of <paramref name="binding"/>.</summary>
    public void Bind(OrtIoBinding binding, string name, long[] shape, bool input)
    {
        if (_deviceAllocation is not null)
        {
            CheckFits(shape);
            if (input)
            {
                binding.BindInput(name, ElementType, shape, _deviceAllocation);
            }
            else
            {
                binding.BindOutput(name, ElementType, shape, _deviceAllocation);
            }

            return;
        }

        // IoBinding keeps its own reference to the tensor, so the managed wrapper can go right away.
        using var value = CreateValue(shape);
        if (input)
        {
            binding.BindInput(name, value);
        }
        else
        {
            binding.BindOutput(name, value);
        }
    }

    /// <summary>Creates a tensor over the start of a host buffer; the caller disposes it before this buffer.</summary>
    public OrtValue CreateValue(long[] shape)
    {
        if (_host is null)
        {
            throw new InvalidOperationException("Device buffers are bound, not wrapped.");
        }

        long elements = 1;
        foreach (var d in shape)
        {
            elements *= d;
        }

        var bytes = elements * ElementSize(ElementType);
        if (bytes > ByteCapacity)
        {
            throw new InvalidOperationException($"Tensor of {bytes} bytes does not fit a buffer of {ByteCapacity}.");
        }

        return OrtValue.CreateTensorValueWithData(_memoryInfo, ElementType, shape, (IntPtr)_host, bytes);
    }

    private void CheckFits(long[] shape)
    {
        long elements = 1;
        foreach (var d in shape)
        {
            elements *= d;
        }

        if (elements * ElementSize(ElementType) > ByteCapacity)
        {
            throw new InvalidOperationException($"Tensor of {elements} elements does not fit a buffer of {ByteCapacity} bytes.");
        }
    }

    public Span<T> HostSpan<T>(int elements)
        where T : unmanaged
    {
        if (_host is null)
        {
            throw new InvalidOperationException("Device buffers have no host view.");
        }

        if ((long)elements * sizeof(T) > ByteCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(elements));
        }

        return new Span<T>(_host, elements);
    }

    public void Dispose()
    {
        _deviceAllocation?.Dispose();
        if (_host is not null)
        {
            NativeMemory.AlignedFree(_host);
            _host = null;
        }
    }

    private static long ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float => 4,
        TensorElementType.Int64 => 8,
        TensorElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unsupported element type."),
    };
}
