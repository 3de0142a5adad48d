using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>
/// Continuous batching for the unstaged decoder: the decode steps of several requests run as one decoder call with
/// batch size <see cref="Count"/>. The batch keeps one key/value cache per layer and kind in the decoder's own layout,
/// <c>[rows, kv_heads, past, head_dim]</c>, with every row right-aligned to the same <c>past</c>: a shorter request
/// is left-padded, and the attention mask (0 over its padding) and its own position ids keep its result what it
/// would be alone. As on the single-request path there are two buffers per layer and kind: the decoder reads the past
/// from one and writes <c>present</c> (past plus the new position) into the other, so a step copies nothing outside
/// ONNX Runtime. Copies happen only when the membership changes: a joining request's cache rows are copied in (and,
/// when it is longer than the batch, every row is shifted right once), a leaving row is replaced by the last row, and
/// when every row has gathered left padding the batch is shifted left once. Used by the decode scheduler's thread only.
/// </summary>
internal sealed unsafe class DecodeBatch : IDisposable
{
    /// <summary>Left padding every row shares before the batch is shifted left to drop it.</summary>
    private const int TrimThreshold = 64;

    private readonly DecoderContext _context;
    private readonly EmbeddingTable _table;
    private readonly int _layers;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly int _hidden;
    private readonly int _vocab;
    private readonly int _maxRows;
    private readonly List<PlainDecodeSession> _rows = new();
    private readonly List<int> _pads = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly Stopwatch _watch = new();
    private readonly NativeTensorBuffer _embeds;
    private readonly NativeTensorBuffer _positions;
    private readonly NativeTensorBuffer _logits;
    private readonly int _firstCacheInput;
    private readonly long[] _embedsShape = new long[3];
    private readonly long[] _maskShape = new long[2];
    private readonly long[] _positionsShape = new long[2];
    private readonly long[] _streamPositionsShape = new long[3];
    private readonly long[] _logitsShape = new long[3];
    private readonly long[] _pastShape = new long[4];
    private readonly long[] _presentShape = new long[4];
    private NativeTensorBuffer[,,] _kv;
    private NativeTensorBuffer _mask;
    private long _capacity;
    private int _read;
    private int _past;

    public DecodeBatch(DecoderContext context, int maxRows)
    {
        _context = context;
        _table = context.EmbeddingTable ?? throw new InvalidOperationException("Batched decoding needs the package's embedding table.");
        var text = context.Text;
        _layers = text.NumLayers;
        _kvHeads = text.NumKvHeads;
        _headDim = text.HeadDim;
        _hidden = text.HiddenSize;
        _vocab = text.VocabSize;
        _maxRows = maxRows;
        var io = context.Io;
        _firstCacheInput = io.FirstCacheInput;
        _inputNames = io.StepInputNames;
        _outputNames = io.StepOutputNames;
        _inputs = new OrtValue[_inputNames.Length];
        _outputs = new OrtValue[_outputNames.Length];
        _kv = new NativeTensorBuffer[_layers, 2, 2];
        try
        {
            _embeds = NativeTensorBuffer.Host((long)maxRows * _hidden, TensorElementType.Float);
            _positions = NativeTensorBuffer.Host((long)maxRows * io.PositionStreams, TensorElementType.Int64);
            _logits = NativeTensorBuffer.Host((long)maxRows * _vocab, TensorElementType.Float);
            _mask = NativeTensorBuffer.Host(1, TensorElementType.Int64);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the number of requests in the batch.</summary>
    public int Count => _rows.Count;

    /// <summary>Gets whether another request can join.</summary>
    public bool HasRoom => _rows.Count < _maxRows;

    /// <summary>Returns whether the decoder of <paramref name="context"/> can run batched steps.</summary>
    public static bool Supports(DecoderContext context)
    {
        var io = context.Io;
        return context.EmbeddingTable is not null
            && io.PositionIds is not null
            && context.Decoder.InputMetadata[io.InputsEmbeds].Dimensions is { Length: 3 } dims && dims[0] <= 0;
    }

    /// <summary>Returns the row of <paramref name="session"/>, or -1.</summary>
    public int IndexOf(PlainDecodeSession session) => _rows.IndexOf(session);

    /// <summary>Gets the session decoding in row <paramref name="row"/>.</summary>
    public PlainDecodeSession Session(int row) => _rows[row];

    /// <summary>Gets the next-token logits of row <paramref name="row"/> after <see cref="Step"/>.</summary>
    public Span<float> Logits(int row) => _logits.HostSpan<float>((row + 1) * _vocab).Slice(row * _vocab, _vocab);

    /// <summary>Copies <paramref name="session"/>'s cache into a new row; longer than the batch, it shifts every row right first.</summary>
    public void Add(PlainDecodeSession session)
    {
        if (!HasRoom)
        {
            throw new InvalidOperationException("The batch is full.");
        }

        var length = session.Length;
        if (_rows.Count == 0)
        {
            _past = length;
        }
        else if (length > _past)
        {
            Relayout(length, _rows.Count + 1);
        }

        EnsureCapacity(_rows.Count + 1, _past);
        var row = _rows.Count;
        var pad = _past - length;
        for (var l = 0; l < _layers; l++)
        {
            for (var kind = 0; kind < 2; kind++)
            {
                var source = (float*)session.Cache.Buffer(l, kind, session.ReadBuffer).Pointer;
                var target = (float*)_kv[l, kind, _read].Pointer;
                for (var h = 0; h < _kvHeads; h++)
                {
                    var dst = target + (RowHead(row, h, _past) * _headDim);
                    new Span<float>(dst, pad * _headDim).Clear();
                    new ReadOnlySpan<float>(source + ((long)h * session.HeadStride * _headDim), length * _headDim).CopyTo(new Span<float>(dst + ((long)pad * _headDim), length * _headDim));
                }
            }
        }

        _rows.Add(session);
        _pads.Add(pad);
    }

    /// <summary>
    /// Removes <paramref name="session"/>'s row (the last row moves into its place). With
    /// <paramref name="copyBack"/> its cache rows are copied back into its own cache first, so it can decode alone.
    /// </summary>
    public void Remove(PlainDecodeSession session, bool copyBack)
    {
        var row = _rows.IndexOf(session);
        if (row < 0)
        {
            return;
        }

        if (copyBack)
        {
            var pad = _pads[row];
            var length = _past - pad;
            for (var l = 0; l < _layers; l++)
            {
                for (var kind = 0; kind < 2; kind++)
                {
                    var source = (float*)_kv[l, kind, _read].Pointer;
                    var target = (float*)session.Cache.Buffer(l, kind, session.ReadBuffer).Pointer;
                    for (var h = 0; h < _kvHeads; h++)
                    {
                        new ReadOnlySpan<float>(source + ((RowHead(row, h, _past) + pad) * _headDim), length * _headDim)
                            .CopyTo(new Span<float>(target + ((long)h * session.HeadStride * _headDim), length * _headDim));
                    }
                }
            }
        }

        var last = _rows.Count - 1;
        if (row != last)
        {
            var rowElements = (long)_kvHeads * _past * _headDim;
            for (var l = 0; l < _layers; l++)
            {
                for (var kind = 0; kind < 2; kind++)
                {
                    var buffer = (float*)_kv[l, kind, _read].Pointer;
                    new ReadOnlySpan<float>(buffer + (last * rowElements), (int)rowElements).CopyTo(new Span<float>(buffer + (row * rowElements), (int)rowElements));
                }
            }

            _rows[row] = _rows[last];
            _pads[row] = _pads[last];
        }

        _rows.RemoveAt(last);
        _pads.RemoveAt(last);
        if (_rows.Count == 0)
        {
            _past = 0;
            return;
        }

        var shared = int.MaxValue;
        foreach (var p in _pads)
        {
            shared = Math.Min(shared, p);
        }

        if (shared >= TrimThreshold)
        {
            Relayout(_past - shared, _rows.Count);
        }
    }

    /// <summary>Feeds every row's last token in one decoder call and leaves each row's next-token logits.</summary>
    public void Step()
    {
        var rows = _rows.Count;
        var total = _past + 1;
        EnsureCapacity(rows, total);
        var embeds = _embeds.HostSpan<float>(rows * _hidden);
        var streams = _context.Io.PositionStreams;
        var positions = _positions.HostSpan<long>(rows * streams);
        var mask = _mask.HostSpan<long>(rows * total);
        for (var r = 0; r < rows; r++)
        {
            var session = _rows[r];
            _table.CopyRow(session.LastToken, embeds.Slice(r * _hidden, _hidden));
            for (var s = 0; s < streams; s++)
            {
                // Stream-major [streams, rows, 1]: a generated token takes the same position in every M-RoPE stream.
                positions[(s * rows) + r] = session.NextPosition;
            }

            var maskRow = mask.Slice(r * total, total);
            maskRow[.._pads[r]].Clear();
            maskRow[_pads[r]..].Fill(1);
        }

        var write = _read ^ 1;
        try
        {
            _inputs[0] = _embeds.CreateValue(Shape(_embedsShape, rows, 1, _hidden));
            _inputs[1] = _mask.CreateValue(Shape(_maskShape, rows, total));
            _inputs[2] = _positions.CreateValue(streams == 1 ? Shape(_positionsShape, rows, 1) : Shape(_streamPositionsShape, streams, rows, 1));
            _outputs[0] = _logits.CreateValue(Shape(_logitsShape, rows, 1, _vocab));
            var past = Shape(_pastShape, rows, _kvHeads, _past, _headDim);
            var present = Shape(_presentShape, rows, _kvHeads, total, _headDim);
            for (var l = 0; l < _layers; l++)
            {
                _inputs[_firstCacheInput + (2 * l)] = _kv[l, 0, _read].CreateValue(past);
                _inputs[_firstCacheInput + (2 * l) + 1] = _kv[l, 1, _read].CreateValue(past);
                _outputs[1 + (2 * l)] = _kv[l, 0, write].CreateValue(present);
                _outputs[2 + (2 * l)] = _kv[l, 1, write].CreateValue(present);
            }

            _watch.Restart();
            _context.Decoder.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
            var ms = _watch.Elapsed.TotalMilliseconds;
            foreach (var session in _rows)
            {
                session.Statistics.AddOnnxRuntime(ms);
                session.CompleteBatchedStep();
            }
        }
        finally
        {
            DisposeValues(_inputs);
            DisposeValues(_outputs);
        }

        _read = write;
        _past = total;
    }

    public void Dispose()
    {
        DisposeValues(_inputs);
        DisposeValues(_outputs);
        DisposeBuffers(_kv);
        _mask?.Dispose();
        _logits?.Dispose();
        _positions?.Dispose();
        _embeds?.Dispose();
        _runOptions.Dispose();
    }

    private static void DisposeValues(OrtValue[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i]?.Dispose();
            values[i] = null!;
        }
    }

    private static void DisposeBuffers(NativeTensorBuffer[,,] buffers)
    {
        foreach (var b in buffers)
        {
            b?.Dispose();
        }
    }

    private static long[] Shape(long[] shape, params ReadOnlySpan<long> dims)
    {
        dims.CopyTo(shape);
        return shape;
    }

    private long RowHead(int row, int head, int past) => (((long)row * _kvHeads) + head) * past;

    /// <summary>Moves every row to a new shared past length (right-aligned), keeping <paramref name="rowsAfter"/> rows of room.</summary>
    private void Relayout(int newPast, int rowsAfter)
    {
        var shift = newPast - _past;
        EnsureCapacity(Math.Max(rowsAfter, _rows.Count), Math.Max(newPast, _past));
        var write = _read ^ 1;
        var keep = Math.Min(_past, newPast);
        for (var l = 0; l < _layers; l++)
        {
            for (var kind = 0; kind < 2; kind++)
            {
                var source = (float*)_kv[l, kind, _read].Pointer;
                var target = (float*)_kv[l, kind, write].Pointer;
                for (var r = 0; r < _rows.Count; r++)
                {
                    for (var h = 0; h < _kvHeads; h++)
                    {
                        var src = source + ((RowHead(r, h, _past) + Math.Max(0, -shift)) * _headDim);
                        var dst = target + (RowHead(r, h, newPast) * _headDim);
                        new Span<float>(dst, Math.Max(0, shift) * _headDim).Clear();
                        new ReadOnlySpan<float>(src, keep * _headDim).CopyTo(new Span<float>(dst + ((long)Math.Max(0, shift) * _headDim), keep * _headDim));
                    }
                }
            }
        }

        for (var r = 0; r < _pads.Count; r++)
        {
            _pads[r] += shift;
        }

        _read = write;
        _past = newPast;
    }

    /// <summary>Grows the buffers (doubling) so <paramref name="rows"/> rows of <paramref name="positions"/> + 1 fit; the past is kept.</summary>
    private void EnsureCapacity(int rows, int positions)
    {
        var needed = (long)rows * (positions + 1);
        if (needed <= _capacity)
        {
            return;
        }

        var capacity = Math.Max(needed, Math.Max(_capacity * 2, 256));
        var elements = capacity * _kvHeads * _headDim;
        var grown = new NativeTensorBuffer[_layers, 2, 2];
        try
        {
            for (var l = 0; l < _layers; l++)
            {
                for (var kind = 0; kind < 2; kind++)
                {
                    for (var b = 0; b < 2; b++)
                    {
                        grown[l, kind, b] = NativeTensorBuffer.Host(elements, TensorElementType.Float);
                    }

                    if (_kv[l, kind, _read] is { } old)
                    {
                        var used = (long)_rows.Count * _kvHeads * _past * _headDim;
                        Buffer.MemoryCopy(old.Pointer, grown[l, kind, _read].Pointer, elements * sizeof(float), used * sizeof(float));
                    }
                }
            }
        }
        catch
        {
            DisposeBuffers(grown);
            throw;
        }

        DisposeBuffers(_kv);
        _kv = grown;
        _mask.Dispose();
        _mask = NativeTensorBuffer.Host(capacity, TensorElementType.Int64);
        _capacity = capacity;
    }
}
