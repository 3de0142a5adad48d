using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace LocalModel.Builder.Onnx;

/// <summary>
/// An ONNX graph under construction: inputs, outputs, nodes and initializers. Large initializers are
/// streamed into an external data file when written, so weights never need to sit in managed memory.
/// Small helper methods name one standard ONNX operator each (opset 17).
/// </summary>
internal sealed class OnnxGraph
{
    public const int OpsetVersion = 17;

    /// <summary>The operator domain of ONNX Runtime's contrib ops (<c>MatMulNBits</c>, <c>GroupQueryAttention</c>, ...).</summary>
    public const string MicrosoftDomain = "com.microsoft";

    private readonly List<NodeSpec> _nodes = new();
    private readonly List<ValueSpec> _inputs = new();
    private readonly List<ValueSpec> _outputs = new();
    private readonly List<InitializerSpec> _initializers = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _domains = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraph(string name) => Name = name;

    public string Name { get; }

    /// <summary>Gets the model's <c>metadata_props</c> (written in key order).</summary>
    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    internal IReadOnlyList<NodeSpec> Nodes => _nodes;

    internal IReadOnlyList<ValueSpec> Inputs => _inputs;

    internal IReadOnlyList<ValueSpec> Outputs => _outputs;

    internal IReadOnlyList<InitializerSpec> Initializers => _initializers;

    /// <summary>Gets the non-default operator domains the graph's nodes use.</summary>
    internal IReadOnlyCollection<string> Domains => _domains;

    /// <summary>Declares a graph input. Dimensions are <see cref="long"/> (fixed) or <see cref="string"/> (symbolic).</summary>
    public string Input(string name, OnnxDataType type, params object[] dims)
    {
        Reserve(name);
        _inputs.Add(new ValueSpec(name, type, dims));
        return name;
    }

    /// <summary>Declares a graph output named <paramref name="name"/> carrying <paramref name="value"/>.</summary>
    public void Output(string name, string value, OnnxDataType type, params object[] dims)
    {
        if (!string.Equals(name, value, StringComparison.Ordinal))
        {
            Reserve(name);
            _nodes.Add(new NodeSpec("Identity", new[] { value }, new[] { name }, Array.Empty<OnnxAttribute>(), string.Empty, NextNodeName("Identity")));
        }

        _outputs.Add(new ValueSpec(name, type, dims));
    }

    /// <summary>Adds an initializer whose bytes are produced by <paramref name="source"/> when the model is written.</summary>
    public string Weight(string name, TensorSource source)
    {
        Reserve(name);
        _initializers.Add(new InitializerSpec(name, source));
        return name;
    }

    public string ConstInt64(params long[] values) => Constant("const_i64", TensorSource.FromInt64(values, new long[] { values.Length }));

    public string ScalarInt64(long value) => Constant("scalar_i64", TensorSource.FromInt64(new[] { value }, Array.Empty<long>()));

    public string ScalarFloat(float value) => Constant("scalar_f32", TensorSource.FromFloat(new[] { value }, Array.Empty<long>()));

    public string ConstFloat(float[] values, long[] dims) => Constant("const_f32", TensorSource.FromFloat(values, dims));

    /// <summary>Adds a node with a single output and returns the output's name.</summary>
    public string Op(string opType, string[] inputs, params OnnxAttribute[] attributes) => OpN(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs.</summary>
    public string[] OpN(string opType, string[] inputs, int outputCount, params OnnxAttribute[] attributes) =>
        DomainOpN(string.Empty, opType, inputs, outputCount, attributes);

    /// <summary>
    /// Adds a node of an operator set other than the default one (ONNX Runtime's <see cref="MicrosoftDomain"/>
    /// contrib ops); the model then imports that domain at version 1. An empty input name means an omitted optional input.
    /// </summary>
    public string[] DomainOpN(string domain, string opType, string[] inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        if (domain.Length > 0)
        {
            _domains.Add(domain);
        }

        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = NextName(opType.ToLowerInvariant());
        }

        _nodes.Add(new NodeSpec(opType, inputs, outputs, attributes, domain, NextNodeName(opType)));
        return outputs;
    }

    public string MatMul(string a, string b) => Op("MatMul", new[] { a, b });

    public string Add(string a, string b) => Op("Add", new[] { a, b });

    public string Sub(string a, string b) => Op("Sub", new[] { a, b });

    public string Mul(string a, string b) => Op("Mul", new[] { a, b });

    public string Div(string a, string b) => Op("Div", new[] { a, b });

    public string Neg(string a) => Op("Neg", new[] { a });

    public string Sigmoid(string a) => Op("Sigmoid", new[] { a });

    public string Reshape(string x, params long[] shape) => Op("Reshape", new[] { x, ConstInt64(shape) });

    public string ReshapeTo(string x, string shape) => Op("Reshape", new[] { x, shape });

    public string Transpose(string x, params long[] perm) => Op("Transpose", new[] { x }, OnnxAttribute.Ints("perm", perm));

    public string Softmax(string x, long axis) => Op("Softmax", new[] { x }, OnnxAttribute.Int("axis", axis));

    public string Concat(long axis, params string[] inputs) => Op("Concat", inputs, OnnxAttribute.Int("axis", axis));

    public string Cast(string x, OnnxDataType to) => Op("Cast", new[] { x }, OnnxAttribute.Int("to", (long)to));

    public string Shape(string x) => Op("Shape", new[] { x });

    public string Gather(string data, string indices, long axis) => Op("Gather", new[] { data, indices }, OnnxAttribute.Int("axis", axis));

    public string Unsqueeze(string x, params long[] axes) => Op("Unsqueeze", new[] { x, ConstInt64(axes) });

    public string Squeeze(string x, params long[] axes) => Op("Squeeze", new[] { x, ConstInt64(axes) });

    public string Slice(string x, long start, long end, long axis) =>
        Op("Slice", new[] { x, ConstInt64(start), ConstInt64(end), ConstInt64(axis) });

    public string ReduceMean(string x, long axis, bool keepDims) =>
        Op("ReduceMean", new[] { x }, OnnxAttribute.Ints("axes", new[] { axis }), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Returns the dimension <paramref name="axis"/> of <paramref name="x"/> as a 1-element int64 tensor.</summary>
    public string Dim(string x, long axis) => Op("Shape", new[] { x }, OnnxAttribute.Int("start", axis), OnnxAttribute.Int("end", axis + 1));

    /// <summary>Writes the graph as an ONNX model; initializers larger than a few KiB go to <c>{file}.data</c>.</summary>
    public IReadOnlyDictionary<string, (string DataFile, long Offset, long Length)> Save(string path, IProgress<long>? bytesWritten = null) => OnnxModelWriter.Write(this, path, bytesWritten);

    private string Constant(string prefix, TensorSource source)
    {
        var name = NextName(prefix);
        _initializers.Add(new InitializerSpec(name, source));
        return name;
    }

    private void Reserve(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"Graph '{Name}' already has a value named '{name}'.");
        }
    }

    private string NextName(string prefix)
    {
        string name;
        do
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_counter++}");
        }
        while (!_names.Add(name));
        return name;
    }

    private string NextNodeName(string opType) => string.Create(CultureInfo.InvariantCulture, $"{opType}_n{_nodes.Count}");

    internal sealed record NodeSpec(string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes, string Domain, string Name);

    internal sealed record ValueSpec(string Name, OnnxDataType Type, object[] Dims);

    internal sealed record InitializerSpec(string Name, TensorSource Source);
}

/// <summary>An ONNX node attribute.</summary>
internal sealed record OnnxAttribute(string Name, object Value)
{
    public static OnnxAttribute Int(string name, long value) => new(name, value);

    public static OnnxAttribute Float(string name, float value) => new(name, value);

    public static OnnxAttribute Ints(string name, long[] value) => new(name, value);

    public static OnnxAttribute String(string name, string value) => new(name, value);

    public static OnnxAttribute Tensor(string name, TensorSource value) => new(name, value);
}

/// <summary>
/// The bytes of a tensor, produced on demand: small constants carry their bytes, checkpoint weights stream
/// theirs (converted to the target type) straight from the memory-mapped checkpoint into the output file.
/// </summary>
internal sealed class TensorSource
{
    private readonly Action<Stream>? _writer;
    private readonly byte[]? _bytes;

    private TensorSource(OnnxDataType type, long[] dims, byte[]? bytes, Action<Stream>? writer, long byteLength)
    {
        Type = type;
        Dims = dims;
        _bytes = bytes;
        _writer = writer;
        ByteLength = byteLength;
    }

    public OnnxDataType Type { get; }

    public long[] Dims { get; }

    public long ByteLength { get; }

    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    public static TensorSource FromFloat(float[] values, long[] dims) =>
        new(OnnxDataType.Float, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), null, values.Length * 4L);

    public static TensorSource FromBytes(OnnxDataType type, byte[] bytes, long[] dims) => new(type, dims, bytes, null, bytes.Length);

    public static TensorSource FromInt64(long[] values, long[] dims) =>
        new(OnnxDataType.Int64, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), null, values.Length * 8L);

    public static TensorSource FromWriter(OnnxDataType type, long[] dims, long byteLength, Action<Stream> writer) =>
        new(type, dims, null, writer, byteLength);

    public void WriteTo(Stream destination)
    {
        if (_bytes is not null)
        {
            destination.Write(_bytes);
            return;
        }

        var start = destination.CanSeek ? destination.Position : -1;
        _writer!(destination);
        if (start >= 0 && destination.Position - start != ByteLength)
        {
            throw new InvalidOperationException($"Tensor writer produced {destination.Position - start} bytes, expected {ByteLength}.");
        }
    }

    public byte[] ToArray()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }

        using var ms = new MemoryStream();
        WriteTo(ms);
        return ms.ToArray();
    }
}
