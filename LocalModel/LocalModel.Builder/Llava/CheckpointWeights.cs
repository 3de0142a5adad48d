using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Globalization;
using LocalModel.Builder.Onnx;
using LocalModel.Builder.Quantization;
using LocalModel.Builder.Safetensors;

namespace LocalModel.Builder.Llava;

/// <summary>
/// Turns checkpoint tensors into graph initializers: checks shapes against the config, optionally
/// transposes linear weights ([out,in] to [in,out] for MatMul) in cache-friendly blocks, and converts
/// to the package's storage type while streaming from the memory-mapped checkpoint.
/// Resolves both llava-hf layouts (<c>language_model.model.*</c> and the newer <c>model.language_model.*</c>) and
/// both Qwen2.5-VL layouts (<see cref="ForQwen2Vl"/>).
/// </summary>
internal sealed class CheckpointWeights
{
    private const int BlockColumns = 256;
    private readonly SafetensorsCheckpoint _checkpoint;
    private readonly string _visionPrefix;
    private readonly string _projectorPrefix;
    private readonly string _textPrefix;

    public CheckpointWeights(SafetensorsCheckpoint checkpoint, bool fp16)
    {
        _checkpoint = checkpoint;
        Fp16 = fp16;
        var newLayout = !checkpoint.Contains("language_model.model.embed_tokens.weight") && checkpoint.Contains("model.language_model.embed_tokens.weight");
        _visionPrefix = newLayout ? "model.vision_tower.vision_model." : "vision_tower.vision_model.";
        _projectorPrefix = newLayout ? "model.multi_modal_projector." : "multi_modal_projector.";
        _textPrefix = newLayout ? "model.language_model." : "language_model.model.";
        LmHead = newLayout ? "lm_head.weight" : "language_model.lm_head.weight";
    }

    private CheckpointWeights(SafetensorsCheckpoint checkpoint, bool fp16, string visionPrefix, string textPrefix)
    {
        _checkpoint = checkpoint;
        Fp16 = fp16;
        _visionPrefix = visionPrefix;
        _projectorPrefix = visionPrefix;
        _textPrefix = textPrefix;
        LmHead = "lm_head.weight";
    }

    public bool Fp16 { get; }

    public long TotalBytes { get; private set; }

    public string Vision(string suffix) => _visionPrefix + suffix;

    public string Projector(string suffix) => _projectorPrefix + suffix;

    public string Text(string suffix) => _textPrefix + suffix;

    public string LmHead { get; }

    /// <summary>
    /// The Qwen2-VL / Qwen2.5-VL hub layouts: <c>visual.*</c>, <c>model.*</c> and <c>lm_head.weight</c>, or the newer
    /// <c>model.visual.*</c> and <c>model.language_model.*</c>.
    /// </summary>
    public static CheckpointWeights ForQwen2Vl(SafetensorsCheckpoint checkpoint, bool fp16)
    {
        var newLayout = !checkpoint.Contains("model.embed_tokens.weight") && checkpoint.Contains("model.language_model.embed_tokens.weight");
        return newLayout
            ? new CheckpointWeights(checkpoint, fp16, "model.visual.", "model.language_model.")
            : new CheckpointWeights(checkpoint, fp16, "visual.", "model.");
    }

    public bool Has(string name) => _checkpoint.Contains(name);

    /// <summary>Adds the tensor as an initializer of <paramref name="graph"/> and returns a float32 value name for it.</summary>
    public string Add(OnnxGraph graph, string name, long[] expectedShape, bool transpose = false, bool forceFp32 = false)
    {
        var info = _checkpoint.Expect(name, expectedShape);
        long[] dims = transpose ? new[] { expectedShape[1], expectedShape[0] } : expectedShape;
        var fp16 = Fp16 && !forceFp32;
        var elementSize = fp16 ? 2 : 4;
        var bytes = info.ElementCount * elementSize;
        TotalBytes += bytes;
        var source = TensorSource.FromWriter(fp16 ? OnnxDataType.Float16 : OnnxDataType.Float, dims, bytes, stream =>
        {
            if (transpose)
            {
                WriteTransposed(info, stream, fp16);
            }
            else
            {
                WriteStraight(info, stream, fp16);
            }
        });
        var value = graph.Weight(name, source);
        return fp16 ? graph.Cast(value, OnnxDataType.Float) : value;
    }

    /// <summary>
    /// Adds the linear weight <paramref name="name"/> (<c>[out, in]</c>, as checkpoints store it) quantized for
    /// <c>MatMulNBits</c>: <c>{name}.qweight</c> (uint8 <c>[out, blocks, blob]</c>), <c>{name}.scales</c> (float
    /// <c>[out * blocks]</c>) and <c>{name}.zero_points</c> (uint8, packed per row). The matrix is quantized once, when
    /// the first of the three is written.
    /// </summary>
    /// <exception cref="InvalidDataException">A weight is NaN or infinite (the message names the tensor and the element).</exception>
    public (string Weight, string Scales, string ZeroPoints) AddQuantized(OnnxGraph graph, string name, long outFeatures, long inFeatures, WeightQuantization quantization)
    {
        var info = _checkpoint.Expect(name, new[] { outFeatures, inFeatures });
        var blocks = quantization.BlocksPerRow(inFeatures);
        var zeroBytes = quantization.ZeroPointBytesPerRow(inFeatures);
        var packedBytes = outFeatures * blocks * quantization.BlobBytes;
        var matrix = new QuantizedMatrix(() => Quantize(info, name, quantization));
        TotalBytes += packedBytes + (outFeatures * blocks * 4) + (outFeatures * zeroBytes);
        var weight = graph.Weight(name + ".qweight", TensorSource.FromWriter(OnnxDataType.UInt8, new[] { outFeatures, blocks, (long)quantization.BlobBytes }, packedBytes, s => s.Write(matrix.Take(0))));
        var scales = graph.Weight(name + ".scales", TensorSource.FromWriter(OnnxDataType.Float, new[] { outFeatures * blocks }, outFeatures * blocks * 4, s => s.Write(matrix.Take(1))));
        var zeros = graph.Weight(name + ".zero_points", TensorSource.FromWriter(OnnxDataType.UInt8, new[] { outFeatures * zeroBytes }, outFeatures * zeroBytes, s => s.Write(matrix.Take(2))));
        return (weight, scales, zeros);
    }

    private byte[][] Quantize(SafetensorsTensorInfo info, string name, WeightQuantization q)
    {
        var rows = info.Shape[0];
        var cols = (int)info.Shape[1];
        var blocks = q.BlocksPerRow(cols);
        var zeroBytes = q.ZeroPointBytesPerRow(cols);
        var packed = new byte[rows * blocks * q.BlobBytes];
        var scales = new float[rows * blocks];
        var zeros = new byte[rows * zeroBytes];
        var row = new float[cols];
        var rowZeros = new byte[blocks];
        for (long r = 0; r < rows; r++)
        {
            _checkpoint.ReadFloat32(info, r * cols, row);
            var bad = BlockQuantizer.QuantizeRow(row, q, packed.AsSpan((int)(r * blocks * q.BlobBytes), blocks * q.BlobBytes), scales.AsSpan((int)(r * blocks), blocks), rowZeros);
            if (bad >= 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Tensor '{name}' holds {row[bad]} at [{r}, {bad}], which cannot be quantized to {q.Bits} bits; repair the checkpoint or build with --dtype fp32 or fp16."));
            }

            BlockQuantizer.PackZeroPoints(rowZeros, q, zeros.AsSpan((int)(r * zeroBytes), zeroBytes));
        }

        return new[] { packed, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray(), zeros };
    }

    /// <summary>
    /// The three byte arrays of one quantized matrix (packed weights, scales, zero points), computed when the first is
    /// written and dropped once all three have been, so a build holds one matrix at a time, not the whole model.
    /// </summary>
    private sealed class QuantizedMatrix
    {
        private readonly Func<byte[][]> _quantize;
        private byte[][]? _parts;
        private int _taken;

        public QuantizedMatrix(Func<byte[][]> quantize) => _quantize = quantize;

        public byte[] Take(int part)
        {
            var parts = _parts ??= _quantize();
            if (++_taken == parts.Length)
            {
                _parts = null;
                _taken = 0;
            }

            return parts[part];
        }
    }

    private static void WriteConverted(ReadOnlySpan<float> values, Stream stream, bool fp16, byte[] scratch)
    {
        if (fp16)
        {
            var halves = MemoryMarshal.Cast<byte, Half>(scratch.AsSpan(0, values.Length * 2));
            for (var i = 0; i < values.Length; i++)
            {
                halves[i] = (Half)values[i];
            }

            stream.Write(scratch, 0, values.Length * 2);
        }
        else
        {
            stream.Write(MemoryMarshal.AsBytes(values));
        }
    }

    private void WriteStraight(SafetensorsTensorInfo info, Stream stream, bool fp16)
    {
        const int chunk = 1 << 20;
        var buffer = new float[(int)Math.Min(chunk, info.ElementCount)];
        var scratch = new byte[buffer.Length * 2];
        for (long start = 0; start < info.ElementCount; start += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, info.ElementCount - start);
            _checkpoint.ReadFloat32(info, start, buffer.AsSpan(0, n));
            WriteConverted(buffer.AsSpan(0, n), stream, fp16, scratch);
        }
    }

    private void WriteTransposed(SafetensorsTensorInfo info, Stream stream, bool fp16)
    {
        var rows = info.Shape[0];
        var cols = info.Shape[1];
        var block = (int)Math.Min(BlockColumns, cols);
        var rowPiece = new float[block];
        var outBlock = new float[block * rows];
        var scratch = new byte[outBlock.Length * 2];
        for (long c0 = 0; c0 < cols; c0 += block)
        {
            var w = (int)Math.Min(block, cols - c0);
            for (long r = 0; r < rows; r++)
            {
                _checkpoint.ReadFloat32(info, (r * cols) + c0, rowPiece.AsSpan(0, w));
                for (var c = 0; c < w; c++)
                {
                    outBlock[(c * rows) + r] = rowPiece[c];
                }
            }

            WriteConverted(outBlock.AsSpan(0, (int)(w * rows)), stream, fp16, scratch);
        }
    }
}
