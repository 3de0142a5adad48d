using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalModel.Builder.Safetensors;

/// <summary>
/// Reads a HuggingFace safetensors checkpoint: one <c>model.safetensors</c> or the shards listed in
/// <c>model.safetensors.index.json</c>. Headers are parsed and validated up front; tensor data is
/// memory-mapped and converted to float32 in chunks, so large checkpoints are never loaded into managed
/// arrays whole. Not thread-safe for concurrent reads of the same instance.
/// </summary>
public sealed class SafetensorsCheckpoint : IDisposable
{
    private const long MaxHeaderBytes = 100L * 1024 * 1024;
    private readonly Dictionary<string, SafetensorsTensorInfo> _tensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MappedFile> _maps = new(StringComparer.Ordinal);

    private SafetensorsCheckpoint()
    {
    }

    /// <summary>Gets the tensors, by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors => _tensors;

    /// <summary>Opens the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">Neither a single file nor an index exists.</exception>
    /// <exception cref="InvalidDataException">A header or the index is malformed.</exception>
    public static SafetensorsCheckpoint Open(string directory)
    {
        var checkpoint = new SafetensorsCheckpoint();
        try
        {
            var single = Path.Combine(directory, "model.safetensors");
            var index = Path.Combine(directory, "model.safetensors.index.json");
            if (File.Exists(single))
            {
                checkpoint.ReadHeader(single);
            }
            else if (File.Exists(index))
            {
                foreach (var shard in ReadIndex(index))
                {
                    var shardPath = Path.Combine(directory, shard);
                    if (!File.Exists(shardPath))
                    {
                        throw new FileNotFoundException($"Shard '{shard}' listed in '{index}' does not exist.", shardPath);
                    }

                    checkpoint.ReadHeader(shardPath);
                }
            }
            else
            {
                throw new FileNotFoundException($"No 'model.safetensors' or 'model.safetensors.index.json' in '{directory}'.", single);
            }

            return checkpoint;
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    /// <summary>Opens a single safetensors file.</summary>
    public static SafetensorsCheckpoint OpenFile(string path)
    {
        var checkpoint = new SafetensorsCheckpoint();
        try
        {
            checkpoint.ReadHeader(path);
            return checkpoint;
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    /// <summary>Gets a tensor's info or throws naming the missing tensor.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafetensorsTensorInfo Get(string name) =>
        _tensors.TryGetValue(name, out var info) ? info : throw new KeyNotFoundException($"The checkpoint has no tensor '{name}'.");

    /// <summary>Returns whether a tensor exists.</summary>
    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <summary>Checks that <paramref name="name"/> exists with the expected shape.</summary>
    /// <exception cref="InvalidDataException">The tensor is missing or its shape differs.</exception>
    public SafetensorsTensorInfo Expect(string name, params long[] shape)
    {
        if (!_tensors.TryGetValue(name, out var info))
        {
            var files = string.Join(", ", _tensors.Values.Select(t => t.File).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => $"'{f}'"));
            throw new InvalidDataException($"The checkpoint{(files.Length > 0 ? $" ({files})" : string.Empty)} has no tensor '{name}' (expected shape [{string.Join(",", shape)}] from config.json).");
        }

        if (!info.Shape.SequenceEqual(shape))
        {
            throw new InvalidDataException($"Tensor '{name}' has shape [{string.Join(",", info.Shape)}], expected [{string.Join(",", shape)}] from config.json.");
        }

        return info;
    }

    /// <summary>Reads a whole tensor as float32 (for small tensors).</summary>
    public float[] ReadFloat32(string name)
    {
        var info = Get(name);
        var result = new float[info.ElementCount];
        ReadFloat32(info, 0, result);
        return result;
    }

    /// <summary>Converts elements <paramref name="start"/>.. of a tensor to float32 into <paramref name="destination"/>.</summary>
    public void ReadFloat32(SafetensorsTensorInfo info, long start, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (start < 0 || start + destination.Length > info.ElementCount)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Range {start}+{destination.Length} is outside tensor '{info.Name}' of {info.ElementCount} elements.");
        }

        var elementSize = ElementSize(info.DType);
        unsafe
        {
            var src = new ReadOnlySpan<byte>(Map(info.File).Pointer + info.DataOffset + (start * elementSize), destination.Length * elementSize);
            switch (info.DType)
            {
                case SafetensorsDType.F32:
                    MemoryMarshal.Cast<byte, float>(src).CopyTo(destination);
                    break;
                case SafetensorsDType.F16:
                    var halves = MemoryMarshal.Cast<byte, Half>(src);
                    for (var i = 0; i < destination.Length; i++)
                    {
                        destination[i] = (float)halves[i];
                    }

                    break;
                case SafetensorsDType.BF16:
                    var raw = MemoryMarshal.Cast<byte, ushort>(src);
                    for (var i = 0; i < destination.Length; i++)
                    {
                        destination[i] = BitConverter.Int32BitsToSingle(raw[i] << 16);
                    }

                    break;
                default:
                    throw new InvalidDataException($"Tensor '{info.Name}' has dtype {info.DType}, which cannot be read as float.");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var map in _maps.Values)
        {
            map.Dispose();
        }

        _maps.Clear();
    }

    internal static int ElementSize(SafetensorsDType type) => type switch
    {
        SafetensorsDType.F32 => 4,
        SafetensorsDType.F16 => 2,
        SafetensorsDType.BF16 => 2,
        SafetensorsDType.I64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static IEnumerable<string> ReadIndex(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"'{indexPath}' has no 'weight_map' object.");
            }

            return map.EnumerateObject().Select(p => p.Value.GetString() ?? throw new InvalidDataException($"'{indexPath}': weight_map entry '{p.Name}' is not a string."))
                .Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{indexPath}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static SafetensorsDType ParseDType(string? value, string path, string tensor) => value switch
    {
        "F32" => SafetensorsDType.F32,
        "F16" => SafetensorsDType.F16,
        "BF16" => SafetensorsDType.BF16,
        "I64" => SafetensorsDType.I64,
        _ => throw new InvalidDataException($"'{path}': tensor '{tensor}' has unsupported dtype '{value}' (supported: F32, F16, BF16)."),
    };

    private MappedFile Map(string file)
    {
        if (!_maps.TryGetValue(file, out var map))
        {
            map = new MappedFile(file);
            _maps[file] = map;
        }

        return map;
    }

    private void ReadHeader(string path)
    {
        var fileLength = new FileInfo(path).Length;
        if (fileLength < 8)
        {
            throw new InvalidDataException($"'{path}' is {fileLength} bytes, too short for a safetensors header.");
        }

        byte[] header;
        using (var fs = File.OpenRead(path))
        {
            Span<byte> lenBytes = stackalloc byte[8];
            fs.ReadExactly(lenBytes);
            var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lenBytes);
            if (headerLength <= 0 || headerLength > MaxHeaderBytes || headerLength > fileLength - 8)
            {
                throw new InvalidDataException($"'{path}': header length {headerLength} is invalid for a file of {fileLength} bytes.");
            }

            header = new byte[headerLength];
            fs.ReadExactly(header);
        }

        var dataStart = 8 + header.Length;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}': the safetensors header is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                var e = entry.Value;
                var dtype = ParseDType(e.TryGetProperty("dtype", out var dt) ? dt.GetString() : null, path, entry.Name);
                if (!e.TryGetProperty("shape", out var shapeEl) || !e.TryGetProperty("data_offsets", out var offsEl) || offsEl.GetArrayLength() != 2)
                {
                    throw new InvalidDataException($"'{path}': tensor '{entry.Name}' lacks 'shape' or a 2-element 'data_offsets'.");
                }

                var shape = shapeEl.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var begin = offsEl[0].GetInt64();
                var end = offsEl[1].GetInt64();
                var info = new SafetensorsTensorInfo(entry.Name, dtype, shape, path, dataStart + begin, end - begin);
                if (shape.Any(d => d < 0) || begin < 0 || end < begin || dataStart + end > fileLength || info.ElementCount * ElementSize(dtype) != end - begin)
                {
                    throw new InvalidDataException($"'{path}': tensor '{entry.Name}' has offsets [{begin},{end}] that do not fit its shape [{string.Join(",", shape)}] of {dtype} or the file of {fileLength} bytes.");
                }

                if (!_tensors.TryAdd(entry.Name, info))
                {
                    throw new InvalidDataException($"Tensor '{entry.Name}' appears in more than one shard ('{_tensors[entry.Name].File}' and '{path}').");
                }
            }
        }
    }

    /// <summary>A whole file mapped read-only with its base pointer acquired once.</summary>
    private sealed unsafe class MappedFile : IDisposable
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;

        public MappedFile(string path)
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* ptr = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref ptr);
            Pointer = ptr + _view.PointerOffset;
        }

        public byte* Pointer { get; }

        public void Dispose()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}
