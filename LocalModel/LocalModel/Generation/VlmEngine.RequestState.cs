using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <content>Per-request decoding state.</content>
public sealed partial class VlmEngine
{
    /// <summary>
    /// One request's state. The cache is a pooled <see cref="KvCacheSet"/>: each step reads the past from one buffer
    /// and the decoder writes <c>present</c> (past plus the new position) straight into the other, then they swap,
    /// so nothing is copied outside ONNX Runtime; on the host path the tensor wrappers for each length are kept in
    /// the set, so a warm step allocates nothing.
    /// </summary>
    private sealed class RequestState : IDisposable
    {
        private readonly VlmEngine _engine;
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
        private int _current;
        private int _lastToken = -1;
        private long _nextPosition;

        public RequestState(VlmEngine engine, GenerationRequest request, int capacity, int promptLength, double ortMs, double visionMs, double selectionMs, int visualTotal, int visualKept)
        {
            _engine = engine;
            var text = engine.Package.Manifest.Text;
            _layers = text.NumLayers;
            _kvHeads = text.NumKvHeads;
            _headDim = text.HeadDim;
            _hidden = text.HiddenSize;
            Capacity = capacity;
            PromptLength = promptLength;
            OnnxRuntimeMs = ortMs;
            VisionMs = visionMs;
            SelectionMs = selectionMs;
            VisualTokensTotal = visualTotal;
            VisualTokensKept = visualKept;
            _capturePrefill = request.CapturePrefillLogits;
            _kvShape = new long[] { 1, _kvHeads, 0, _headDim };
            _presentShape = new long[] { 1, _kvHeads, 0, _headDim };
            Sampler = new TokenSampler(request.Sampling, text.VocabSize, capacity);
            _cache = engine._kvPool.Rent(capacity);
            try
            {
                _stepPosition = NativeTensorBuffer.Host(1, TensorElementType.Int64);
                _stepId = NativeTensorBuffer.Host(1, TensorElementType.Int64);
                _stepEmbeds = NativeTensorBuffer.Host(_hidden, TensorElementType.Float);
                _logits = NativeTensorBuffer.Host(text.VocabSize, TensorElementType.Float);
                _stepIdValue = _stepId.CreateValue(new long[] { 1, 1 });
                _stepEmbedsValue = _stepEmbeds.CreateValue(new long[] { 1, 1, _hidden });
                _stepPositionValue = _stepPosition.CreateValue(new long[] { 1, 1 });
                _logitsValue = _logits.CreateValue(new long[] { 1, 1, text.VocabSize });
                _embedBinding = engine._embed.CreateIoBinding();
                _embedBinding.BindInput(engine._embedInput, _stepIdValue);
                _embedBinding.BindOutput(engine._embedOutput, _stepEmbedsValue);
                _decoderBinding = engine._decoder.CreateIoBinding();
                if (_cache.IsHost)
                {
                    // Host cache: decode steps call Run with fixed name arrays (ONNX Runtime keeps their UTF-8 forms
                    // per session), filling only the slots whose shapes change each step.
                    var io = engine._io;
                    var inputs = new List<string> { io.InputsEmbeds, io.AttentionMask };
                    if (io.PositionIds is not null)
                    {
                        inputs.Add(io.PositionIds);
                    }

                    _firstCacheInput = inputs.Count;
                    var outputs = new List<string> { io.Logits };
                    for (var l = 0; l < _layers; l++)
                    {
                        inputs.Add(io.PastKeys[l]);
                        inputs.Add(io.PastValues[l]);
                        outputs.Add(io.PresentKeys[l]);
                        outputs.Add(io.PresentValues[l]);
                    }

                    _stepInputNames = inputs.ToArray();
                    _stepOutputNames = outputs.ToArray();
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

        public TokenSampler Sampler { get; }

        public int Capacity { get; }

        public int PromptLength { get; }

        /// <summary>Gets the number of positions in the cache plus the token about to be fed.</summary>
        public int Length { get; private set; }

        public double OnnxRuntimeMs { get; private set; }

        public double VisionMs { get; }

        public double SelectionMs { get; }

        public double PrefillMs { get; private set; }

        public int VisualTokensTotal { get; }

        public int VisualTokensKept { get; }

        public float[]? PrefillLogits { get; private set; }

        public Span<float> Logits => _logits.HostSpan<float>(_engine.Package.Manifest.Text.VocabSize);

        /// <summary>Runs the decoder over the whole prompt with an empty cache.</summary>
        public void RunPrefill(int[] ids, ImageEmbedding[] images, int imageToken, bool keepOriginalPositions)
        {
            var h = _hidden;
            var io = _engine._io;
            using var embeds = NativeTensorBuffer.Host((long)PromptLength * h, TensorElementType.Float);
            using var positions = NativeTensorBuffer.Host(PromptLength, TensorElementType.Int64);
            var merged = embeds.HostSpan<float>(PromptLength * h);

            // Text embeddings for every id; image placeholders are replaced by their visual tokens.
            ReadOnlySpan<float> textSpan = default;
            IDisposable? textEmbeds = null;
            try
            {
                if (_engine._embeddingTable is null)
                {
                    textEmbeds = EmbedWithGraph(ids, out textSpan);
                }

                var row = 0;
                var image = 0;
                for (var i = 0; i < ids.Length; i++)
                {
                    if (ids[i] == imageToken)
                    {
                        var e = images[image++];
                        e.Embeddings.AsSpan(0, e.Tokens * h).CopyTo(merged.Slice(row * h));
                        row += e.Tokens;
                        continue;
                    }

                    if (_engine._embeddingTable is { } table)
                    {
                        table.CopyRow(ids[i], merged.Slice(row * h, h));
                    }
                    else
                    {
                        textSpan.Slice(i * h, h).CopyTo(merged.Slice(row * h, h));
                    }

                    row++;
                }
            }
            finally
            {
                textEmbeds?.Dispose();
            }

            // Positions: contiguous by default (kept tokens re-indexed). With original positions kept, each visual
            // row takes its source token's place inside the image span and text after an image continues after the
            // full span (FastV-style gaps).
            var pos = positions.HostSpan<long>(PromptLength);
            long next = 0;
            var rowIndex = 0;
            var imageIndex = 0;
            foreach (var id in ids)
            {
                if (id != imageToken)
                {
                    pos[rowIndex++] = next++;
                    continue;
                }

                var e = images[imageIndex++];
                for (var k = 0; k < e.Tokens; k++)
                {
                    pos[rowIndex++] = keepOriginalPositions ? next + e.SourceIndices[k] : next + k;
                }

                next += keepOriginalPositions ? e.TokensTotal : e.Tokens;
            }

            _nextPosition = next;
            var b = _decoderBinding;
            using var embedsValue = embeds.CreateValue(new long[] { 1, PromptLength, h });
            using var positionValue = positions.CreateValue(new long[] { 1, PromptLength });
            b.BindInput(io.InputsEmbeds, embedsValue);
            if (io.PositionIds is not null)
            {
                b.BindInput(io.PositionIds, positionValue);
            }

            BindCache(pastLength: 0, totalLength: PromptLength);
            using var allLogits = io.LogitsLastOnly ? null : NativeTensorBuffer.Host((long)PromptLength * Logits.Length, TensorElementType.Float);
            if (allLogits is null)
            {
                b.BindOutput(io.Logits, _logitsValue);
            }
            else
            {
                allLogits.Bind(b, io.Logits, new long[] { 1, PromptLength, Logits.Length }, input: false);
            }

            _ortWatch.Restart();
            _engine._decoder.RunWithBinding(_runOptions, b);
            var prefill = _ortWatch.Elapsed.TotalMilliseconds;
            PrefillMs = prefill;
            OnnxRuntimeMs += prefill;
            if (allLogits is not null)
            {
                var v = Logits.Length;
                allLogits.HostSpan<float>(PromptLength * v).Slice((PromptLength - 1) * v, v).CopyTo(Logits);
                b.BindOutput(io.Logits, _logitsValue);
            }

            if (_capturePrefill)
            {
                PrefillLogits = Logits.ToArray();
            }

            Length = PromptLength;
            _current = 1;

            // From here on the step tensors are fixed; bind the ones that never change shape once.
            b.BindInput(io.InputsEmbeds, _stepEmbedsValue);
            if (io.PositionIds is not null)
            {
                b.BindInput(io.PositionIds, _stepPositionValue);
            }
        }

        /// <summary>Records the token chosen from the current logits; it is fed by the next <see cref="Step"/>.</summary>
        public void Accept(int token) => _lastToken = token;

        /// <summary>Feeds the last accepted token and leaves its next-token logits in <see cref="Logits"/>.</summary>
        public void Step()
        {
            _stepPosition.HostSpan<long>(1)[0] = _nextPosition++;
            if (_engine._embeddingTable is { } table)
            {
                table.CopyRow(_lastToken, _stepEmbeds.HostSpan<float>(_hidden));
            }
            else
            {
                _stepId.HostSpan<long>(1)[0] = _lastToken;
                _ortWatch.Restart();
                _engine._embed.RunWithBinding(_runOptions, _embedBinding);
                OnnxRuntimeMs += _ortWatch.Elapsed.TotalMilliseconds;
            }

            var past = Length;
            if (_stepInputs is null)
            {
                BindCache(past, past + 1);
                _ortWatch.Restart();
                _engine._decoder.RunWithBinding(_runOptions, _decoderBinding);
                OnnxRuntimeMs += _ortWatch.Elapsed.TotalMilliseconds;
            }
            else
            {
                RunHostStep(past);
            }

            Length = past + 1;
            _current ^= 1;
        }

        public void Dispose()
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
                _engine._kvPool.Return(_cache);
            }

            _runOptions.Dispose();
        }

        private IDisposable EmbedWithGraph(int[] ids, out ReadOnlySpan<float> embeddings)
        {
            using var idBuffer = NativeTensorBuffer.Host(ids.Length, TensorElementType.Int64);
            var idSpan = idBuffer.HostSpan<long>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                idSpan[i] = ids[i];
            }

            using var idValue = idBuffer.CreateValue(new long[] { 1, ids.Length });
            _ortWatch.Restart();
            var outputs = _engine._embed.Run(_runOptions, new[] { _engine._embedInput }, new[] { idValue }, new[] { _engine._embedOutput });
            OnnxRuntimeMs += _ortWatch.Elapsed.TotalMilliseconds;
            embeddings = outputs[0].GetTensorDataAsSpan<float>();
            return outputs;
        }

        private void RunHostStep(int past)
        {
            var inputs = _stepInputs!;
            var outputs = _stepOutputs!;
            var read = _current;
            var write = _current ^ 1;
            var owned = false;
            try
            {
                inputs[1] = _cache.MaskValue(past + 1, out owned);
                for (var l = 0; l < _layers; l++)
                {
                    inputs[_firstCacheInput + (2 * l)] = _cache.KvValue(l, 0, read, past, out _);
                    inputs[_firstCacheInput + (2 * l) + 1] = _cache.KvValue(l, 1, read, past, out _);
                    outputs[1 + (2 * l)] = _cache.KvValue(l, 0, write, past + 1, out _);
                    outputs[2 + (2 * l)] = _cache.KvValue(l, 1, write, past + 1, out _);
                }

                _ortWatch.Restart();
                _engine._decoder.Run(_runOptions, _stepInputNames!, inputs, _stepOutputNames!, outputs);
                OnnxRuntimeMs += _ortWatch.Elapsed.TotalMilliseconds;
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

        /// <summary>Binds past (from the current buffers) and present (into the other buffers) and the attention mask.</summary>
        private void BindCache(int pastLength, int totalLength)
        {
            var io = _engine._io;
            var b = _decoderBinding;
            _maskShape[1] = totalLength;
            _cache.Mask.Bind(b, io.AttentionMask, _maskShape, input: true);
            _kvShape[2] = pastLength;
            _presentShape[2] = totalLength;
            var read = _current;
            var write = _current ^ 1;
            for (var l = 0; l < _layers; l++)
            {
                _cache.Buffer(l, 0, read).Bind(b, io.PastKeys[l], _kvShape, input: true);
                _cache.Buffer(l, 1, read).Bind(b, io.PastValues[l], _kvShape, input: true);
                _cache.Buffer(l, 0, write).Bind(b, io.PresentKeys[l], _presentShape, input: false);
                _cache.Buffer(l, 1, write).Bind(b, io.PresentValues[l], _presentShape, input: false);
            }
        }
    }
}
