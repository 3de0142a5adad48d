using System;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>
/// Decoding through the unstaged decoder. The cache is a pooled <see cref="KvCacheSet"/>: each step reads the past
/// from one buffer and the decoder writes <c>present</c> (past plus the new position) straight into the other, then
/// they swap, so nothing is copied outside ONNX Runtime; on the host path the tensor wrappers for each length are kept
/// in the set, so a warm step allocates nothing. While the request decodes inside a <see cref="DecodeBatch"/>, the
/// batch holds its cache rows and hands them back here when the request decodes alone again. With the fused decoder
/// (<see cref="DecoderBinding.SharesCacheBuffer"/>) one full-capacity buffer is both past and present and the kernel
/// appends in place.
/// </summary>
internal sealed class PlainDecodeSession : DecodeSession
{
    private readonly DecoderContext _context;
    private readonly int _layers;
    private readonly long _kvHeads;
    private readonly long _headDim;
    private readonly int _hidden;
    private readonly KvCacheSet _cache;
    private readonly NativeTensorBuffer _stepPosition;
    private readonly NativeTensorBuffer _stepId;
    private readonly NativeTensorBuffer _stepEmbeds;
    private readonly NativeTensorBuffer _logits;
    private readonly OrtValue _stepIdValue;
    private readonly OrtValue _stepEmbedsValue;
    private readonly OrtValue _stepPositionValue;
    private readonly OrtValue _logitsValue;
    private readonly OrtIoBinding _embedBinding;
    private readonly OrtIoBinding _decoderBinding;
    private readonly RunOptions _runOptions = new();
    private readonly long[] _maskShape = { 1, 0 };
    private readonly long[] _kvShape;
    private readonly long[] _presentShape;
    private readonly Stopwatch _ortWatch = new();
    private readonly bool _capturePrefill;
    private readonly string[]? _stepInputNames;
    private readonly OrtValue[]? _stepInputs;
    private readonly string[]? _stepOutputNames;
    private readonly OrtValue[]? _stepOutputs;
    private readonly int _firstCacheInput;
    private readonly bool _shared;
    private readonly int _streams;
    private int _current;
    private long _nextPosition;

    public PlainDecodeSession(DecoderContext context, GenerationRequest request, int capacity, GenerationStatistics statistics)
        : base(capacity, statistics)
    {
        _context = context;
        var text = context.Text;
        _layers = text.NumLayers;
        _kvHeads = text.NumKvHeads;
        _headDim = text.HeadDim;
        _hidden = text.HiddenSize;
        _capturePrefill = request.CapturePrefillLogits;
        _shared = context.Io.SharesCacheBuffer;
        _streams = context.Io.PositionStreams;
        _kvShape = new long[] { 1, _kvHeads, 0, _headDim };
        _presentShape = new long[] { 1, _kvHeads, 0, _headDim };
        _cache = context.KvPool.Rent(capacity);
        try
        {
            _stepPosition = NativeTensorBuffer.Host(_streams, TensorElementType.Int64);
            _stepId = NativeTensorBuffer.Host(1, TensorElementType.Int64);
            _stepEmbeds = NativeTensorBuffer.Host(_hidden, TensorElementType.Float);
            _logits = NativeTensorBuffer.Host(text.VocabSize, TensorElementType.Float);
            _stepIdValue = _stepId.CreateValue(new long[] { 1, 1 });
            _stepEmbedsValue = _stepEmbeds.CreateValue(new long[] { 1, 1, _hidden });
            _stepPositionValue = _stepPosition.CreateValue(PositionLayout.Shape(_streams, 1, 1));
            _logitsValue = _logits.CreateValue(new long[] { 1, 1, text.VocabSize });
            _embedBinding = context.Embed.CreateIoBinding();
            _embedBinding.BindInput(context.EmbedInput, _stepIdValue);
            _embedBinding.BindOutput(context.EmbedOutput, _stepEmbedsValue);
            _decoderBinding = context.Decoder.CreateIoBinding();
            if (_cache.IsHost)
            {
                // Host cache: decode steps call Run with fixed name arrays (ONNX Runtime keeps their UTF-8 forms
                // per session), filling only the slots whose shapes change each step.
                var io = context.Io;
                _firstCacheInput = io.FirstCacheInput;
                _stepInputNames = io.StepInputNames;
                _stepOutputNames = io.StepOutputNames;
                _stepInputs = new OrtValue[_stepInputNames.Length];
                _stepOutputs = new OrtValue[_stepOutputNames.Length];
                _stepInputs[0] = _stepEmbedsValue;
                if (io.PositionIds is not null)
                {
                    _stepInputs[2] = _stepPositionValue;
                }

                _stepOutputs[0] = _logitsValue;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the request's own cache (stale while the request decodes in a batch).</summary>
    public KvCacheSet Cache => _cache;

    /// <summary>Gets which of the cache's two buffers holds the past.</summary>
    public int ReadBuffer => _current;

    /// <summary>
    /// Gets the distance, in positions, between the KV heads of one layer in the request's cache: the length when past
    /// and present are separate buffers, the request's capacity when one shared buffer holds the cache (fused decoder;
    /// a pooled set may be larger, but GroupQueryAttention's work grows with the bound length, so only the request's
    /// capacity is bound).
    /// </summary>
    public int HeadStride => CacheView(Length);

    /// <summary>Gets the position the next fed token takes.</summary>
    public long NextPosition => _nextPosition;

    /// <summary>Gets whether steps can join a <see cref="DecodeBatch"/>: host cache and an embedding table.</summary>
    public bool CanBatch => _cache.IsHost && _context.EmbeddingTable is not null;

    public override Span<float> Logits => _logits.HostSpan<float>(_context.Text.VocabSize);

    /// <summary>Runs the decoder over the whole prompt with an empty cache.</summary>
    public void RunPrefill(PromptRows rows)
    {
        var h = _hidden;
        var io = _context.Io;
        var promptLength = rows.Count;
        _nextPosition = rows.NextPosition;
        var b = _decoderBinding;
        using var embedsValue = OrtValue.CreateTensorValueFromMemory(rows.Embeddings, new long[] { 1, promptLength, h });
        using var positionValue = OrtValue.CreateTensorValueFromMemory(rows.GraphPositions(), PositionLayout.Shape(_streams, 1, promptLength));
        b.BindInput(io.InputsEmbeds, embedsValue);
        if (io.PositionIds is not null)
        {
            b.BindInput(io.PositionIds, positionValue);
        }

        BindCache(pastLength: 0, totalLength: promptLength);
        using var allLogits = io.LogitsLastOnly ? null : NativeTensorBuffer.Host((long)promptLength * Logits.Length, TensorElementType.Float);
        if (allLogits is null)
        {
            b.BindOutput(io.Logits, _logitsValue);
        }
        else
        {
            allLogits.Bind(b, io.Logits, new long[] { 1, promptLength, Logits.Length }, input: false);
        }

        _ortWatch.Restart();
        _context.Decoder.RunWithBinding(_runOptions, b);
        var prefill = _ortWatch.Elapsed.TotalMilliseconds;
        Statistics.SetPrefill(prefill);
        Statistics.AddOnnxRuntime(prefill);
        if (allLogits is not null)
        {
            var v = Logits.Length;
            allLogits.HostSpan<float>(promptLength * v).Slice((promptLength - 1) * v, v).CopyTo(Logits);
            b.BindOutput(io.Logits, _logitsValue);
        }

        if (_capturePrefill)
        {
            PrefillLogits = Logits.ToArray();
        }

        Length = promptLength;
        _current = _shared ? 0 : 1;

        // From here on the step tensors are fixed; bind the ones that never change shape once.
        b.BindInput(io.InputsEmbeds, _stepEmbedsValue);
        if (io.PositionIds is not null)
        {
            b.BindInput(io.PositionIds, _stepPositionValue);
        }
    }

    public override void Step()
    {
        // Every M-RoPE stream takes the same position for a generated token.
        _stepPosition.HostSpan<long>(_streams).Fill(_nextPosition++);
        if (_context.EmbeddingTable is { } table)
        {
            table.CopyRow(LastToken, _stepEmbeds.HostSpan<float>(_hidden));
        }
        else
        {
            _stepId.HostSpan<long>(1)[0] = LastToken;
            _ortWatch.Restart();
            _context.Embed.RunWithBinding(_runOptions, _embedBinding);
            Statistics.AddOnnxRuntime(_ortWatch.Elapsed.TotalMilliseconds);
        }

        var past = Length;
        if (_stepInputs is null)
        {
            BindCache(past, past + 1);
            _ortWatch.Restart();
            _context.Decoder.RunWithBinding(_runOptions, _decoderBinding);
            Statistics.AddOnnxRuntime(_ortWatch.Elapsed.TotalMilliseconds);
        }
        else
        {
            RunHostStep(past);
        }

        Length = past + 1;
        if (!_shared)
        {
            _current ^= 1;
        }
    }

    /// <summary>Records a step a <see cref="DecodeBatch"/> ran for this request (its cache rows stay in the batch).</summary>
    public void CompleteBatchedStep()
    {
        Length++;
        _nextPosition++;
    }

    public override void Dispose()
    {
        _decoderBinding?.Dispose();
        _embedBinding?.Dispose();
        _logitsValue?.Dispose();
        _stepPositionValue?.Dispose();
        _stepEmbedsValue?.Dispose();
        _stepIdValue?.Dispose();
        _logits?.Dispose();
        _stepEmbeds?.Dispose();
        _stepId?.Dispose();
        _stepPosition?.Dispose();
        if (_cache is not null)
        {
            _context.KvPool.Return(_cache);
        }

        _runOptions.Dispose();
    }

    private void RunHostStep(int past)
    {
        var inputs = _stepInputs!;
        var outputs = _stepOutputs!;
        var read = _current;
        var write = _shared ? read : _current ^ 1;
        var pastLength = CacheView(past);
        var presentLength = CacheView(past + 1);
        var owned = false;
        try
        {
            inputs[1] = _cache.MaskValue(past + 1, out owned);
            for (var l = 0; l < _layers; l++)
            {
                inputs[_firstCacheInput + (2 * l)] = _cache.KvValue(l, 0, read, pastLength, out _);
                inputs[_firstCacheInput + (2 * l) + 1] = _cache.KvValue(l, 1, read, pastLength, out _);
                outputs[1 + (2 * l)] = _cache.KvValue(l, 0, write, presentLength, out _);
                outputs[2 + (2 * l)] = _cache.KvValue(l, 1, write, presentLength, out _);
            }

            _ortWatch.Restart();
            _context.Decoder.Run(_runOptions, _stepInputNames!, inputs, _stepOutputNames!, outputs);
            Statistics.AddOnnxRuntime(_ortWatch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            // Wrappers are either all kept by the set or all made for this step (the set decides by its size).
            if (owned)
            {
                inputs[1]?.Dispose();
                for (var i = _firstCacheInput; i < inputs.Length; i++)
                {
                    inputs[i]?.Dispose();
                }

                for (var i = 1; i < outputs.Length; i++)
                {
                    outputs[i]?.Dispose();
                }
            }
        }
    }

    /// <summary>The length a cache tensor of <paramref name="length"/> positions is bound with: the request's capacity when one buffer is past and present.</summary>
    private int CacheView(int length) => _shared ? Capacity : length;

    /// <summary>
    /// Binds past (from the current buffers) and present (into the other buffers) and the attention mask; with a shared
    /// cache buffer, one full-capacity buffer per layer and kind is both.
    /// </summary>
    private void BindCache(int pastLength, int totalLength)
    {
        var io = _context.Io;
        var b = _decoderBinding;
        _maskShape[1] = totalLength;
        _cache.Mask.Bind(b, io.AttentionMask, _maskShape, input: true);
        _kvShape[2] = CacheView(pastLength);
        _presentShape[2] = CacheView(totalLength);
        var read = _current;
        var write = _shared ? read : _current ^ 1;
        for (var l = 0; l < _layers; l++)
        {
            _cache.Buffer(l, 0, read).Bind(b, io.PastKeys[l], _kvShape, input: true);
            _cache.Buffer(l, 1, read).Bind(b, io.PastValues[l], _kvShape, input: true);
            _cache.Buffer(l, 0, write).Bind(b, io.PresentKeys[l], _presentShape, input: false);
            _cache.Buffer(l, 1, write).Bind(b, io.PresentValues[l], _presentShape, input: false);
        }
    }
}
