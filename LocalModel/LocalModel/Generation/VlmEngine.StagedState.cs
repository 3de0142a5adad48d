using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using LocalModel.Packaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LocalModel.Generation;

/// <content>In-LLM pruning on staged decoder graphs.</content>
public sealed partial class VlmEngine
{
    private readonly object _stagesLock = new();
    private StageGraphs? _stageGraphs;

    private StageGraphs GetStageGraphs()
    {
        lock (_stagesLock)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _stageGraphs ??= new StageGraphs(Package, _sessionFactory);
        }
    }

    /// <summary>The staged decoder sessions, loaded on first use.</summary>
    private sealed class StageGraphs : IDisposable
    {
        public StageGraphs(ModelPackage package, Runtime.OnnxSessionFactory factory)
        {
            var text = package.Manifest.Text;
            var boundaries = text.StageBoundaries;
            Starts = new[] { 0 }.Concat(boundaries).ToArray();
            Sessions = new InferenceSession[Starts.Length];
            InputNames = new string[Starts.Length][];
            OutputNames = new string[Starts.Length][];
            try
            {
                for (var s = 0; s < Starts.Length; s++)
                {
                    var role = string.Create(CultureInfo.InvariantCulture, $"decoder_stage_{s}");
                    var g = package.Graph(role);
                    Sessions[s] = factory.Create(package.GraphPath(role), role);
                    var end = s + 1 < Starts.Length ? Starts[s + 1] : text.NumLayers;
                    var inputs = new List<string> { s == 0 ? g.Inputs["inputs_embeds"] : g.Inputs["hidden_states"], g.Inputs["attention_mask"], g.Inputs["position_ids"] };
                    var outputs = new List<string> { end == text.NumLayers ? g.Outputs["logits"] : g.Outputs["hidden_states"] };
                    for (var l = Starts[s]; l < end; l++)
                    {
                        inputs.Add(string.Format(CultureInfo.InvariantCulture, g.Inputs["past_key"], l));
                        inputs.Add(string.Format(CultureInfo.InvariantCulture, g.Inputs["past_value"], l));
                        outputs.Add(string.Format(CultureInfo.InvariantCulture, g.Outputs["present_key"], l));
                        outputs.Add(string.Format(CultureInfo.InvariantCulture, g.Outputs["present_value"], l));
                    }

                    foreach (var name in inputs.Where(n => !Sessions[s].InputMetadata.ContainsKey(n)).Concat(outputs.Where(n => !Sessions[s].OutputMetadata.ContainsKey(n))))
                    {
                        throw new ModelPackageException($"Staged decoder graph '{package.GraphPath(role)}' has no input or output '{name}'.");
                    }

                    InputNames[s] = inputs.ToArray();
                    OutputNames[s] = outputs.ToArray();
                    if (end != text.NumLayers)
                    {
                        AttentionOutput = g.Outputs["last_query_attention"];
                    }
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public int[] Starts { get; }

        public InferenceSession[] Sessions { get; }

        public string[][] InputNames { get; }

        public string[][] OutputNames { get; }

        public string AttentionOutput { get; } = "last_query_attention";

        public void Dispose()
        {
            foreach (var s in Sessions)
            {
                s?.Dispose();
            }
        }
    }

    /// <summary>
    /// Decoding through staged graphs: prefill runs stage by stage and drops (or masks) visual rows at the plan's
    /// boundaries; each stage keeps its own cache, attention mask and positions, and every decode step runs all
    /// stages in order, passing the hidden state along.
    /// </summary>
    private sealed class StagedState : DecodeState
    {
        private readonly VlmEngine _engine;
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
        private readonly long[] _stepPosition = new long[1];
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

        public StagedState(VlmEngine engine, StageGraphs graphs, GenerationRequest request, int capacity, int promptLength, double ortMs, double visionMs, double selectionMs, int visualTotal, int visualKept)
            : base(new TokenSampler(request.Sampling, engine.Package.Manifest.Text.VocabSize, capacity), capacity, promptLength, ortMs, visionMs, selectionMs, visualTotal, visualKept)
        {
            _engine = engine;
            _graphs = graphs;
            _plan = request.LlmPruning!;
            _maxNew = request.MaxTokens;
            _capturePrefill = request.CapturePrefillLogits;
            var text = engine.Package.Manifest.Text;
            _layers = text.NumLayers;
            _hidden = text.HiddenSize;
            _kvHeads = text.NumKvHeads;
            _headDim = text.HeadDim;
            _stageCount = graphs.Starts.Length;
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
            _stepPositionValue = OrtValue.CreateTensorValueFromMemory(_stepPosition, new long[] { 1, 1 });
        }

        public override Span<float> Logits => _logits;

        public void RunPrefill(PromptRows rows)
        {
            OnnxRuntimeMs += rows.OnnxRuntimeMs;
            _globalNext = rows.NextPosition;
            var x = rows.Embeddings;
            var positions = rows.Positions;
            var visual = rows.IsVisual;
            var alive = Enumerable.Repeat(1L, rows.Count).ToArray();
            var prefillWatch = Stopwatch.StartNew();
            for (var s = 0; s < _stageCount; s++)
            {
                var n = positions.Length;
                var end = s + 1 < _stageCount ? _graphs.Starts[s + 1] : _layers;
                var layers = end - _graphs.Starts[s];
                var capacity = Math.Max(n + 1, Math.Min(_engine.ContextLength, n + _maxNew));
                _caches[s] = new KvCacheSet(layers, _kvHeads, _headDim, capacity, null);
                _masks[s] = NativeTensorBuffer.Host(capacity, TensorElementType.Int64);
                var mask = _masks[s]!.HostSpan<long>(capacity);
                mask.Fill(1);
                alive.AsSpan().CopyTo(mask);
                var last = s == _stageCount - 1;
                var hiddenOut = last ? null : new float[n * _hidden];
                var attention = last ? null : new float[n];
                RunStage(s, x, positions, n, pastLength: 0, hiddenOut, attention);
                _length[s] = n;
                _current[s] = 1;
                _nextPosition[s] = _plan.KeepOriginalPositions ? _globalNext : n;
                if (last)
                {
                    break;
                }

                x = hiddenOut!;
                var step = _plan.Steps.FirstOrDefault(p => p.Layer == _graphs.Starts[s + 1]);
                if (step is null)
                {
                    continue;
                }

                // Rank the visual rows still present by the last prompt token's attention (ties: earlier row first).
                var candidates = Enumerable.Range(0, n).Where(r => visual[r] && alive[r] == 1).ToArray();
                if (candidates.Length == 0)
                {
                    continue;
                }

                var keepCount = Math.Clamp((int)Math.Round(step.KeepFraction * candidates.Length, MidpointRounding.AwayFromZero), 1, candidates.Length);
                var kept = new HashSet<int>(candidates.OrderByDescending(r => attention![r]).ThenBy(r => r).Take(keepCount));
                var drop = candidates.Where(r => !kept.Contains(r)).ToHashSet();
                if (_plan.MaskInsteadOfDrop)
                {
                    foreach (var r in drop)
                    {
                        alive[r] = 0;
                    }
                }
                else
                {
                    var keepRows = Enumerable.Range(0, n).Where(r => !drop.Contains(r)).ToArray();
                    var nx = new float[keepRows.Length * _hidden];
                    var np = new long[keepRows.Length];
                    var nv = new bool[keepRows.Length];
                    for (var i = 0; i < keepRows.Length; i++)
                    {
                        x.AsSpan(keepRows[i] * _hidden, _hidden).CopyTo(nx.AsSpan(i * _hidden));
                        np[i] = _plan.KeepOriginalPositions ? positions[keepRows[i]] : i;
                        nv[i] = visual[keepRows[i]];
                    }

                    x = nx;
                    positions = np;
                    visual = nv;
                    alive = Enumerable.Repeat(1L, keepRows.Length).ToArray();
                }

                VisualTokensKept = Enumerable.Range(0, visual.Length).Count(r => visual[r] && alive[r] == 1);
            }

            PrefillMs = prefillWatch.Elapsed.TotalMilliseconds;
            if (_capturePrefill)
            {
                PrefillLogits = _logits.ToArray();
            }

            Length = PromptLength;
        }

        public override void Step()
        {
            var table = _engine._embeddingTable ?? throw new InvalidOperationException("In-LLM pruning needs a package with an embedding table (built by 'agents model build').");
            table.CopyRow(LastToken, _stepEmbeds);
            var input = _stepEmbedsValue;
            for (var s = 0; s < _stageCount; s++)
            {
                _stepPosition[0] = _plan.KeepOriginalPositions ? _globalNext : _nextPosition[s];
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
                    Own(OrtValue.CreateTensorValueFromMemory(positions, new long[] { 1, n })),
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
                OnnxRuntimeMs += _watch.Elapsed.TotalMilliseconds;
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
                OnnxRuntimeMs += _watch.Elapsed.TotalMilliseconds;
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
}
