using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalModel.Builder.Tests.Robustness;

/// <summary>
/// A minimal safetensors reader and writer for making broken checkpoints in tests, independent of the builder's reader:
/// 8-byte little-endian header length, a JSON header of <c>{name: {dtype, shape, data_offsets}}</c>, then the raw data.
/// </summary>
internal sealed class SafetensorsTestFile
{
    public List<Tensor> Tensors { get; } = new();

    public static SafetensorsTestFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes));
        var header = JsonNode.Parse(bytes.AsSpan(8, headerLength))!.AsObject();
        var dataStart = 8 + headerLength;
        var file = new SafetensorsTestFile();
        foreach (var (name, value) in header)
        {
            if (name == "__metadata__")
            {
                continue;
            }

            var offsets = value!["data_offsets"]!.AsArray();
            var begin = (int)offsets[0]!.GetValue<long>();
            var end = (int)offsets[1]!.GetValue<long>();
            var shape = value["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            file.Tensors.Add(new Tensor(name, value["dtype"]!.GetValue<string>(), shape, bytes.AsSpan(dataStart + begin, end - begin).ToArray()));
        }

        return file;
    }

    public Tensor Get(string name) => Tensors.Single(t => t.Name == name);

    public void Write(string path)
    {
        var header = new JsonObject();
        long offset = 0;
        foreach (var t in Tensors)
        {
            header[t.Name] = new JsonObject
            {
                ["dtype"] = t.DType,
                ["shape"] = new JsonArray(t.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + t.Data.Length),
            };
            offset += t.Data.Length;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, json.Length);
        stream.Write(length);
        stream.Write(json);
        foreach (var t in Tensors)
        {
            stream.Write(t.Data);
        }
    }

    internal sealed record Tensor(string Name, string DType, long[] Shape, byte[] Data);
}
