using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalModel.Builder.Safetensors;

/// <summary>Writes float32 tensors as a safetensors file (8-byte little-endian header length, JSON header, raw data).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (name, shape, values produced on demand) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<(string Name, long[] Shape, Func<float[]> Values)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (name, shape, _) in tensors)
        {
            var bytes = shape.Aggregate(1L, (a, b) => a * b) * 4;
            header[name] = new { dtype = "F32", shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var padded = (json.Length + 7) / 8 * 8;
        var temporary = path + ".tmp";
        try
        {
            using (var fs = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                fs.Write(BitConverter.GetBytes((long)padded));
                fs.Write(json);
                for (var i = json.Length; i < padded; i++)
                {
                    fs.WriteByte((byte)' ');
                }

                foreach (var (name, shape, values) in tensors)
                {
                    var data = values();
                    if (data.LongLength != shape.Aggregate(1L, (a, b) => a * b))
                    {
                        throw new InvalidOperationException($"Tensor '{name}' has {data.Length} values for shape [{string.Join(",", shape)}].");
                    }

                    fs.Write(MemoryMarshal.AsBytes(data.AsSpan()));
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
