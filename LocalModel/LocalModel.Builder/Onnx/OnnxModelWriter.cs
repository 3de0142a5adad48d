using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LocalModel.Builder.Onnx;

/// <summary>
/// Serializes an <see cref="OnnxGraph"/> as an ONNX <c>ModelProto</c> (IR version 8, opset 17), placing
/// initializers above <see cref="InlineLimitBytes"/> in an external data file aligned to 4 KiB so
/// ONNX Runtime can memory-map them. Files are written to temporary names and renamed at the end, so a
/// failure leaves nothing half-written.
/// </summary>
internal static class OnnxModelWriter
{
    public const long InlineLimitBytes = 4096;
    private const long Alignment = 4096;

    /// <summary>Writes the model and returns where each external initializer's bytes landed in the data file.</summary>
    public static IReadOnlyDictionary<string, (string DataFile, long Offset, long Length)> Write(OnnxGraph graph, string path, IProgress<long>? bytesWritten)
    {
        var locations = new Dictionary<string, (string DataFile, long Offset, long Length)>(StringComparer.Ordinal);
        var fullPath = Path.GetFullPath(path);
        var dataFileName = Path.GetFileName(fullPath) + ".data";
        var dataPath = fullPath + ".data";
        var tmpModel = fullPath + ".tmp";
        var tmpData = dataPath + ".tmp";
        var hasExternal = false;
        try
        {
            var graphProto = new ProtoWriter();
            using (var data = new FileStream(tmpData, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                foreach (var node in graph.Nodes)
                {
                    graphProto.WriteMessageField(1, EncodeNode(node));
                }

                graphProto.WriteStringField(2, graph.Name);
                foreach (var init in graph.Initializers)
                {
                    var t = new ProtoWriter();
                    foreach (var d in init.Source.Dims)
                    {
                        t.WriteVarintField(1, d);
                    }

                    t.WriteVarintField(2, (long)init.Source.Type);
                    t.WriteStringField(8, init.Name);
                    if (init.Source.ByteLength <= InlineLimitBytes)
                    {
                        t.WriteBytesField(9, init.Source.ToArray());
                    }
                    else
                    {
                        hasExternal = true;
                        var pad = (Alignment - (data.Position % Alignment)) % Alignment;
                        for (var i = 0; i < pad; i++)
                        {
                            data.WriteByte(0);
                        }

                        var offset = data.Position;
                        init.Source.WriteTo(data);
                        locations[init.Name] = (dataFileName, offset, init.Source.ByteLength);
                        bytesWritten?.Report(init.Source.ByteLength);
                        t.WriteMessageField(13, Entry("location", dataFileName));
                        t.WriteMessageField(13, Entry("offset", offset.ToString(CultureInfo.InvariantCulture)));
                        t.WriteMessageField(13, Entry("length", init.Source.ByteLength.ToString(CultureInfo.InvariantCulture)));
                        t.WriteVarintField(14, 1);
                    }

                    graphProto.WriteMessageField(5, t);
                }

                foreach (var input in graph.Inputs)
                {
                    graphProto.WriteMessageField(11, EncodeValueInfo(input));
                }

                foreach (var output in graph.Outputs)
                {
                    graphProto.WriteMessageField(12, EncodeValueInfo(output));
                }
            }

            var model = new ProtoWriter();
            model.WriteVarintField(1, 8);
            model.WriteStringField(2, "LocalModel.Builder");
            model.WriteStringField(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0");
            model.WriteMessageField(7, graphProto);
            var opset = new ProtoWriter();
            opset.WriteStringField(1, string.Empty);
            opset.WriteVarintField(2, OnnxGraph.OpsetVersion);
            model.WriteMessageField(8, opset);
            foreach (var domain in graph.Domains)
            {
                var import = new ProtoWriter();
                import.WriteStringField(1, domain);
                import.WriteVarintField(2, 1);
                model.WriteMessageField(8, import);
            }

            foreach (var (key, value) in graph.Metadata)
            {
                model.WriteMessageField(14, Entry(key, value));
            }
            using (var fs = new FileStream(tmpModel, FileMode.Create, FileAccess.Write))
            {
                model.CopyTo(fs);
            }

            File.Move(tmpModel, fullPath, overwrite: true);
            if (hasExternal)
            {
                File.Move(tmpData, dataPath, overwrite: true);
            }
            else
            {
                File.Delete(tmpData);
                File.Delete(dataPath);
            }

            return locations;
        }
        finally
        {
            File.Delete(tmpModel);
            File.Delete(tmpData);
        }
    }

    private static ProtoWriter Entry(string key, string value)
    {
        var e = new ProtoWriter();
        e.WriteStringField(1, key);
        e.WriteStringField(2, value);
        return e;
    }

    private static ProtoWriter EncodeNode(OnnxGraph.NodeSpec node)
    {
        var n = new ProtoWriter();
        foreach (var i in node.Inputs)
        {
            n.WriteStringField(1, i);
        }

        foreach (var o in node.Outputs)
        {
            n.WriteStringField(2, o);
        }

        n.WriteStringField(3, node.Name);
        n.WriteStringField(4, node.OpType);
        foreach (var a in node.Attributes)
        {
            n.WriteMessageField(5, EncodeAttribute(a));
        }

        if (node.Domain.Length > 0)
        {
            n.WriteStringField(7, node.Domain);
        }

        return n;
    }

    private static ProtoWriter EncodeAttribute(OnnxAttribute attribute)
    {
        var a = new ProtoWriter();
        a.WriteStringField(1, attribute.Name);
        switch (attribute.Value)
        {
            case float f:
                a.WriteFloatField(2, f);
                a.WriteVarintField(20, 1);
                break;
            case long i:
                a.WriteVarintField(3, i);
                a.WriteVarintField(20, 2);
                break;
            case string s:
                a.WriteStringField(4, s);
                a.WriteVarintField(20, 3);
                break;
            case TensorSource t:
                var tp = new ProtoWriter();
                foreach (var d in t.Dims)
                {
                    tp.WriteVarintField(1, d);
                }

                tp.WriteVarintField(2, (long)t.Type);
                tp.WriteBytesField(9, t.ToArray());
                a.WriteMessageField(5, tp);
                a.WriteVarintField(20, 4);
                break;
            case long[] ints:
                a.WritePackedInt64Field(8, ints);
                a.WriteVarintField(20, 7);
                break;
            case float[] floats:
                a.WritePackedFloatField(7, floats);
                a.WriteVarintField(20, 6);
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value type {attribute.Value.GetType().Name} for '{attribute.Name}'.", nameof(attribute));
        }

        return a;
    }

    private static ProtoWriter EncodeValueInfo(OnnxGraph.ValueSpec value)
    {
        var shape = new ProtoWriter();
        foreach (var d in value.Dims)
        {
            var dim = new ProtoWriter();
            switch (d)
            {
                case long l:
                    dim.WriteVarintField(1, l);
                    break;
                case int i:
                    dim.WriteVarintField(1, i);
                    break;
                case string s:
                    dim.WriteStringField(2, s);
                    break;
                default:
                    throw new ArgumentException($"Dimension of '{value.Name}' must be a number or a symbol.", nameof(value));
            }

            shape.WriteMessageField(1, dim);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteVarintField(1, (long)value.Type);
        tensorType.WriteMessageField(2, shape);
        var type = new ProtoWriter();
        type.WriteMessageField(1, tensorType);
        var vi = new ProtoWriter();
        vi.WriteStringField(1, value.Name);
        vi.WriteMessageField(2, type);
        return vi;
    }
}
