using System;

namespace LocalModel.Constrained;

/// <summary>A reusable growable byte buffer for completion strings (no allocation once warm). Not thread-safe.</summary>
internal sealed class CompletionBuffer
{
    private byte[] _bytes = new byte[256];

    /// <summary>Gets the number of bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>Gets or sets a written byte.</summary>
    public byte this[int index]
    {
        get => _bytes[index];
        set => _bytes[index] = value;
    }

    /// <summary>Gets the written bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    /// <summary>Forgets the written bytes.</summary>
    public void Clear() => Length = 0;

    /// <summary>Appends one byte.</summary>
    public void Add(byte value) => _bytes[Reserve(1)] = value;

    /// <summary>Appends bytes.</summary>
    public void Add(ReadOnlySpan<byte> values) => values.CopyTo(_bytes.AsSpan(Reserve(values.Length)));

    /// <summary>Appends <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public void Add(byte value, int count) => _bytes.AsSpan(Reserve(count), count).Fill(value);

    /// <summary>Makes room for <paramref name="count"/> bytes at the end and returns where they start.</summary>
    public int Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        var start = Length;
        Length += count;
        return start;
    }
}
