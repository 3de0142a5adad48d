using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace LocalModel.Builder.Onnx;

/// <summary>
/// A minimal protocol-buffers encoder: varints, fixed 32-bit floats, strings and nested messages.
/// Nested messages are encoded into their own buffer first so their length prefix is known.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public void WriteVarintField(int field, long value)
    {
        WriteTag(field, 0);
        WriteVarint(unchecked((ulong)value));
    }

    public void WriteFloatField(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteStringField(int field, string value) => WriteBytesField(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessageField(int field, ProtoWriter message)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)message._buffer.Length);
        message._buffer.Position = 0;
        message._buffer.CopyTo(_buffer);
    }

    public void WritePackedInt64Field(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var v in values)
        {
            packed.WriteVarint(unchecked((ulong)v));
        }

        WriteMessageField(field, packed);
    }

    public void WritePackedFloatField(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        WriteBytesField(field, bytes);
    }

    public void CopyTo(Stream destination)
    {
        _buffer.Position = 0;
        _buffer.CopyTo(destination);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
