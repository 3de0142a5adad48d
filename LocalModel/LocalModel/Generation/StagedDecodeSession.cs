using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LocalModel.Pruning.InLlm;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <summary>
/// Decoding through staged graphs: prefill runs stage by stage and drops (or masks) visual rows at the plan's
/// boundaries; each stage keeps its own cache, attention mask and positions, and every decode step runs all
/// stages in order, passing the hidden state along.
/// </summary>
internal sealed class StagedDecodeSession : DecodeSession
{
    private readonly DecoderContext _context;
    private readonly StageGraphs _graphs;
    private readonly LlmPruningPlan _plan;
    private readonly int _maxNew;
    private readonly int _layers;
    private readonly int _hidden;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly int _stageCount;
    private readonly KvCacheSet?[] _caches;
    private readonly NativeTensorBuffer?[] _masks;
    private readonly int[] _length;
    private readonly int[] _current;
    private readonly long[] _nextPosition;
    private readonly float[] _logits;
    private readonly float[] _stepEmbeds;
    private readonly float[][] _stepHidden;
    private readonly long[] _stepPosition;
    private readonly int _streams;
    private readonly bool _keepPositions;
    private readonly OrtValue _logitsValue;
    private readonly OrtValue _stepEmbedsValue;
    private readonly OrtValue[] _stepHiddenValues;
    private readonly OrtValue _stepPositionValue;
    private readonly RunOptions _runOptions = new();
    private readonly Stopwatch _watch = new();
    private readonly bool _capturePrefill;
    private readonly List<OrtValue> _stepInputs = new();
    private readonly List<OrtValue> _stepOutputs = new();
    private readonly List<OrtValue> _stepOwned = new();
    private long _globalNext;

    public StagedDecodeSession(DecoderContext context, StageGraphs graphs, GenerationRequest request, int capacity, GenerationStatistics statistics)
        : base(capacity, statistics)
    {
        _context = context;
        _graphs = graphs;
        _plan = request.LlmPruning!;
        _maxNew = request.MaxTokens;
        _capturePrefill = request.CapturePrefillLogits;
        var text = context.Text;
        _layers = text.NumLayers;
        _hidden = text.HiddenSize;
        _kvHeads = text.NumKvHeads;
        _headDim = text.HeadDim;
        _stageCount = graphs.Starts.Length;
        _streams = context.Io.PositionStreams;
        _stepPosition = new long[_streams];

        // M-RoPE positions are grid cells: pruned stages keep every row's own position and decode from the global one.
        _keepPositions = _plan.KeepOriginalPositions || _streams != 1;
        _caches = new KvCacheSet?[_stageCount];
        _masks = new NativeTensorBuffer?[_stageCount];
        _length = new int[_stageCount];
        _current = new int[_stageCount];
        _nextPosition = new long[_stageCount];
        _logits = new float[text.VocabSize];
        _stepEmbeds = new float[_hidden];
        _stepHidden = new[] { new float[_hidden], new float[_hidden] };
        _logitsValue = OrtValue.CreateTensorValueFromMemory(_logits, new long[] { 1, 1, text.VocabSize });
        _stepEmbedsValue = OrtValue.CreateTensorValueFromMemory(_stepEmbeds, new long[] { 1, 1, _hidden });
        _stepHiddenValues = _stepHidden.Select(h => OrtValue.CreateTensorValueFromMemory(h, new long[] { 1, 1, _hidden })).ToArray();
        _stepPositionValue = OrtValue.CreateTensorValueFromMemory(_stepPosition, PositionLayout.Shape(_streams, 1, 1));
    }

    public override Span<float> Logits => _logits;

    /// <summary>Runs the prompt stage by stage, dropping (or masking) visual rows at the plan's boundaries.</summary>
    public void RunPrefill(PromptRows prompt)
    {
        _globalNext = prompt.NextPosition;
        var rows = StagePromptRows.AllAlive(prompt.Embeddings, prompt.Positions, prompt.IsVisual, prompt.PositionStreams);
        var prefillWatch = Stopwatch.StartNew();
        for (var s = 0; s < _stageCount; s++)
        {
            var n = rows.Count;
            var end = s + 1 < _stageCount ? _graphs.Starts[s + 1] : _layers;
            var capacity = Math.Max(n + 1, Math.Min(_context.ContextLength, n + _maxNew));
            _caches[s] = new KvCacheSet(end - _graphs.Starts[s], _kvHeads, _headDim, capacity, null);
            _masks[s] = NativeTensorBuffer.Host(capacity, TensorElementType.Int64);
            var mask = _masks[s]!.HostSpan<long>(capacity);
            mask.Fill(1);
            rows.Alive.AsSpan().CopyTo(mask);
            var last = s == _stageCount - 1;
            var hiddenOut = last ? null : new float[n * _hidden];
            var attention = last ? null : new float[n];
            RunStage(s, rows.Hidden, rows.Positions, n, pastLength: 0, hiddenOut, attention);
            _length[s] = n;
            _current[s] = 1;
            _nextPosition[s] = _keepPositions ? _globalNext : n;
            if (last)
            {
                break;
            }

            rows = rows with { Hidden = hiddenOut! };
            if (_plan.Steps.FirstOrDefault(p => p.Layer == _graphs.Starts[s + 1]) is { } step)
            {
                var dropped = InLlmTokenPruner.RankDropped(rows, attention, step.KeepFraction);
                rows = InLlmTokenPruner.Apply(rows, dropped, _plan.MaskInsteadOfDrop, _keepPositions, _hidden);
                Statistics.SetVisualTokensKept(rows.VisualTokensKept);
            }
        }

        Statistics.SetPrefill(prefillWatch.Elapsed.TotalMilliseconds);
        if (_capturePrefill)
        {
            PrefillLogits = _logits.ToArray();
        }

        Length = prompt.Count;
    }

    public override void Step()
    {
        var table = _context.EmbeddingTable ?? throw new InvalidOperationException("In-LLM pruning needs a package with an embedding table.");
        table.CopyRow(LastToken, _stepEmbeds);
        var input = _stepEmbedsValue;
        for (var s = 0; s < _stageCount; s++)
        {
            Array.Fill(_stepPosition, _keepPositions ? _globalNext : _nextPosition[s]);
            var last = s == _stageCount - 1;
            var output = last ? _logitsValue : _stepHiddenValues[s % 2];
            RunStep(s, input, output);
            input = output;
            _length[s]++;
            _current[s] ^= 1;
            _nextPosition[s]++;
        }

        _globalNext++;
        Length++;
    }

    public override void Dispose()
    {
        _runOptions.Dispose();
        _stepPositionValue.Dispose();
        foreach (var v in _stepHiddenValues)
        {
            v.Dispose();
        }

        _stepEmbedsValue.Dispose();
        _logitsValue.Dispose();
        foreach (var m in _masks)
        {
            m?.Dispose();
        }

        foreach (var c in _caches)
        {
            c?.Dispose();
        }
    }

    private void RunStage(int s, float[] x, long[] positions, int n, int pastLength, float[]? hiddenOut, float[]? attention)
    {
        var cache = _caches[s]!;
        var outputNames = new List<string>(_graphs.OutputNames[s]);
        var owned = new List<OrtValue>();
        OrtValue Own(OrtValue v)
        {
            owned.Add(v);
            return v;
        }

        try
        {
            var inputs = new List<OrtValue>
            {
                Own(OrtValue.CreateTensorValueFromMemory(x, new long[] { 1, n, _hidden })),
                Own(_masks[s]!.CreateValue(new long[] { 1, pastLength + n })),
                Own(OrtValue.CreateTensorValueFromMemory(PositionLayout.StreamMajor(positions, _streams), PositionLayout.Shape(_streams, 1, n))),
            };
            var outputs = new List<OrtValue> { hiddenOut is null ? _logitsValue : Own(OrtValue.CreateTensorValueFromMemory(hiddenOut, new long[] { 1, n, _hidden })) };
            AddCacheValues(cache, s, pastLength, pastLength + n, inputs, outputs, owned);
            if (attention is not null)
            {
                outputNames.Add(_graphs.AttentionOutput);
                outputs.Add(Own(OrtValue.CreateTensorValueFromMemory(attention, new long[] { 1, pastLength + n })));
            }

            _watch.Restart();
            _graphs.Sessions[s].Run(_runOptions, _graphs.InputNames[s], inputs, outputNames, outputs);
            Statistics.AddOnnxRuntime(_watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            owned.ForEach(v => v.Dispose());
        }
    }

    private void RunStep(int s, OrtValue input, OrtValue output)
    {
        // The lists are reused across steps and stages; only the mask (and, for caches too large to keep
        // wrappers, the cache tensors) are made per step.
        var cache = _caches[s]!;
        var past = _length[s];
        var owned = _stepOwned;
        var inputs = _stepInputs;
        var outputs = _stepOutputs;
        owned.Clear();
        inputs.Clear();
        outputs.Clear();
        try
        {
            var mask = _masks[s]!.CreateValue(new long[] { 1, past + 1 });
            owned.Add(mask);
            inputs.Add(input);
            inputs.Add(mask);
            inputs.Add(_stepPositionValue);
            outputs.Add(output);
            AddCacheValues(cache, s, past, past + 1, inputs, outputs, owned);
            _watch.Restart();
            _graphs.Sessions[s].Run(_runOptions, _graphs.InputNames[s], inputs, _graphs.OutputNames[s], outputs);
            Statistics.AddOnnxRuntime(_watch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            owned.ForEach(v => v.Dispose());
        }
    }

    private void AddCacheValues(KvCacheSet cache, int s, int past, int total, List<OrtValue> inputs, List<OrtValue> outputs, List<OrtValue> owned)
    {
        var read = _current[s];
        for (var l = 0; l < cache.Layers; l++)
        {
            inputs.Add(Track(cache.KvValue(l, 0, read, past, out var o1), o1, owned));
            inputs.Add(Track(cache.KvValue(l, 1, read, past, out var o2), o2, owned));
            outputs.Add(Track(cache.KvValue(l, 0, read ^ 1, total, out var o3), o3, owned));
            outputs.Add(Track(cache.KvValue(l, 1, read ^ 1, total, out var o4), o4, owned));
        }
    }

    private static OrtValue Track(OrtValue value, bool isOwned, List<OrtValue> owned)
    {
        if (isOwned)
        {
            owned.Add(value);
        }

        return value;
    }
}
