using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Imaging;
using LocalModel.Packaging;
using LocalModel.Runtime;
using LocalModel.Selection;
using LocalModel.Telemetry;
using LocalModel.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>
/// Runs a vision-language model package: images through the vision encoder, the visual-token selector and the
/// projector; their features merged into the prompt's token embeddings at the image placeholders; then the
/// decoder with a key/value cache chained from each step's <c>present</c> to the next step's <c>past</c> in
/// preallocated buffers. Thread-safe: one engine serves concurrent requests, each with its own state.
/// </summary>
public sealed partial class VlmEngine : IDisposable
{
    private readonly InferenceSession _vision;
    private readonly InferenceSession? _projector;
    private readonly InferenceSession _embed;
    private readonly InferenceSession _decoder;
    private readonly DecoderBinding _io;
    private readonly ImageLoader _imageLoader;
    private readonly ClipImagePreprocessor _preprocessor;
    private readonly EmbeddingTable? _embeddingTable;
    private readonly OrtAllocator? _deviceAllocator;
    private readonly KvCachePool _kvPool;
    private readonly OnnxSessionFactory _sessionFactory;
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _waiting;
    private readonly OrtMemoryInfo? _deviceMemory;
    private readonly ILogger _logger;
    private readonly HashSet<int> _eos;
    private readonly string _visionInput;
    private readonly string _visionFeatures;
    private readonly (int Layer, string Name)[] _clsOutputs;
    private readonly string _embedInput;
    private readonly string _embedOutput;
    private int _disposed;

    private VlmEngine(ModelPackage package, VlmEngineOptions options, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<VlmEngine>();
        Package = package;
        var m = package.Manifest;
        var factory = new OnnxSessionFactory(options, _logger);
        _sessionFactory = factory;
        ExecutionProvider = factory.ExecutionProvider;
        ContextLength = options.ContextLength > 0 ? Math.Min(options.ContextLength, m.Text.ContextLength) : m.Text.ContextLength;
        var created = new List<IDisposable>();
        try
        {
            Tokenizer = VlmTokenizer.Load(package.Directory);
            _vision = Track(created, factory.Create(package.GraphPath(ModelPackage.VisionEncoderRole), ModelPackage.VisionEncoderRole));
            _projector = m.Vision.FeaturesProjected ? null : Track(created, factory.Create(package.GraphPath(ModelPackage.ProjectorRole), ModelPackage.ProjectorRole));
            _embed = Track(created, factory.Create(package.GraphPath(ModelPackage.EmbedTokensRole), ModelPackage.EmbedTokensRole));
            _decoder = Track(created, factory.Create(package.GraphPath(ModelPackage.DecoderRole), ModelPackage.DecoderRole));
            _io = new DecoderBinding(package, _decoder);
            var vision = package.Graph(ModelPackage.VisionEncoderRole);
            _visionInput = RequireName(_vision, vision.Inputs["pixel_values"], true, ModelPackage.VisionEncoderRole);
            _visionFeatures = RequireName(_vision, vision.Outputs["features"], false, ModelPackage.VisionEncoderRole);
            _clsOutputs = m.Vision.ClsAttentionLayers
                .Select(l => (l, RequireName(_vision, vision.Outputs[string.Create(CultureInfo.InvariantCulture, $"cls_attention.{l}")], false, ModelPackage.VisionEncoderRole)))
                .ToArray();
            var embed = package.Graph(ModelPackage.EmbedTokensRole);
            _embedInput = RequireName(_embed, embed.Inputs["input_ids"], true, ModelPackage.EmbedTokensRole);
            _embedOutput = RequireName(_embed, embed.Outputs["inputs_embeds"], false, ModelPackage.EmbedTokensRole);
            _imageLoader = new ImageLoader(new ImageLoaderOptions { MaxPixels = options.MaxImagePixels });
            _preprocessor = new ClipImagePreprocessor(ImagePipeline.ToOptions(m.Preprocessing));
            _eos = new HashSet<int>(m.SpecialTokens.Eos.Concat(Tokenizer.EosTokenIds));
            if (m.Text.EmbeddingTable is { } table)
            {
                _embeddingTable = Track(created, new EmbeddingTable(package.Directory, table, m.Text.HiddenSize, m.Text.VocabSize));
            }
            if (ExecutionProvider == "CUDA")
            {
                _deviceMemory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, options.CudaDeviceId, OrtMemType.Default);
                _deviceAllocator = new OrtAllocator(_decoder, _deviceMemory);
            }

            _slots = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);
            _maxQueued = options.MaxQueuedRequests;
            _kvPool = new KvCachePool(m.Text.NumLayers, m.Text.NumKvHeads, m.Text.HeadDim, ContextLength, options.MaxPooledCaches, _deviceAllocator);
        }
        catch
        {
            foreach (var d in Enumerable.Reverse(created))
            {
                d.Dispose();
            }

            throw;
        }
    }

    /// <summary>Gets the loaded package.</summary>
    public ModelPackage Package { get; }

    /// <summary>Gets the tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>Gets the execution provider in use: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Gets the context length requests are limited to.</summary>
    public int ContextLength { get; }

    /// <summary>Loads the package in <paramref name="packageDirectory"/>.</summary>
    /// <exception cref="ModelPackageException">The package is invalid or a graph disagrees with its manifest.</exception>
    public static VlmEngine Load(string packageDirectory, VlmEngineOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new VlmEngineOptions();
        options.Validate();
        return new VlmEngine(ModelPackage.Load(packageDirectory), options, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Generates a completion and returns it whole (built on <see cref="GenerateStreamingAsync"/>).</summary>
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        var ids = new List<int>();
        GenerationUpdate? last = null;
        await foreach (var update in GenerateStreamingAsync(request, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            if (update.TokenId >= 0)
            {
                ids.Add(update.TokenId);
            }

            last = update;
        }

        return new GenerationResult(text.ToString(), ids, last!.FinishReason!.Value, last.Usage!, last.Timings!, ExecutionProvider, last.PrefillLogits);
    }

    /// <summary>
    /// Streams a completion: one update per generated token, the last carrying finish reason, usage and timings.
    /// Cancellation is checked before every token.
    /// </summary>
    /// <exception cref="ArgumentException">The request is malformed, its images do not match its placeholders, or it exceeds the context.</exception>
    /// <exception cref="ImageDecodeException">An image cannot be decoded or is too large.</exception>
    public async IAsyncEnumerable<GenerationUpdate> GenerateStreamingAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        request.Validate();
        using var activity = VlmTelemetry.ActivitySource.StartActivity("generate");
        var wall = Stopwatch.StartNew();
        await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await Task.Run(() => Prefill(request, wall, cancellationToken), cancellationToken).ConfigureAwait(false);
            using (state)
            {
                var m = Package.Manifest;
                var decoder = Tokenizer.CreateStreamingDecoder();
                var stops = new StopSequenceMatcher(request.StopSequences);
                var generated = 0;
                FinishReason? finish = null;
                var ttft = 0.0;
                var ortBeforeDecode = 0.0;
                while (finish is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (generated > 0)
                    {
                        state.Step();
                    }

                    if (request.IgnoreEndOfSequence)
                    {
                        var logits = state.Logits;
                        foreach (var eos in _eos)
                        {
                            logits[eos] = float.NegativeInfinity;
                        }
                    }

                    request.Constraint?.Mask(state.Logits, Math.Max(1, Math.Min(request.MaxTokens - generated, state.Capacity - state.Length)));
                    var token = state.Sampler.Next(state.Logits);
                    if (request.Constraint is { } constraint)
                    {
                        if (float.IsNegativeInfinity(state.Logits[token]))
                        {
                            throw new InvalidOperationException("The token constraint allowed no token to follow the output so far.");
                        }

                        constraint.Accept(token);
                    }

                    if (generated == 0)
                    {
                        ttft = wall.Elapsed.TotalMilliseconds;
                        ortBeforeDecode = state.OnnxRuntimeMs;
                    }

                    generated++;
                    state.Sampler.Observe(token);
                    state.Accept(token);
                    string text;
                    var isEos = _eos.Contains(token);
                    if (isEos)
                    {
                        finish = FinishReason.EndOfSequence;
                        text = stops.Append(decoder.Flush() ?? string.Empty, out _) + stops.Flush();
                    }
                    else
                    {
                        text = stops.Append(decoder.Append(token) ?? string.Empty, out var stopped);
                        if (stopped)
                        {
                            finish = FinishReason.StopSequence;
                        }
                        else if (request.Constraint is { IsComplete: true })
                        {
                            finish = FinishReason.EndOfSequence;
                        }
                        else if (generated >= request.MaxTokens)
                        {
                            finish = FinishReason.Length;
                        }
                        else if (state.Length >= state.Capacity)
                        {
                            finish = FinishReason.ContextLength;
                        }

                        if (finish is FinishReason.Length or FinishReason.ContextLength or FinishReason.EndOfSequence)
                        {
                            text += stops.Append(decoder.Flush() ?? string.Empty, out _) + stops.Flush();
                        }
                    }

                    if (finish is null)
                    {
                        yield return new GenerationUpdate { TokenId = token, Text = text };
                        continue;
                    }

                    wall.Stop();
                    var decodeMs = wall.Elapsed.TotalMilliseconds - ttft;
                    var rate = generated > 1 && decodeMs > 0 ? (generated - 1) / (decodeMs / 1000.0) : 0;
                    var usage = new GenerationUsage(state.PromptLength, state.VisualTokensTotal, state.VisualTokensKept, generated);
                    var timings = new GenerationTimings(ttft, state.VisionMs, state.SelectionMs, state.PrefillMs, rate, state.OnnxRuntimeMs, wall.Elapsed.TotalMilliseconds, decodeMs, state.OnnxRuntimeMs - ortBeforeDecode);
                    VlmTelemetry.TimeToFirstToken.Record(ttft);
                    VlmTelemetry.PrefillDuration.Record(state.PrefillMs);
                    VlmTelemetry.DecodeRate.Record(rate);
                    VlmTelemetry.TokensGenerated.Add(generated);
                    activity?.SetTag("localmodel.prompt_tokens", state.PromptLength);
                    activity?.SetTag("localmodel.completion_tokens", generated);
                    activity?.SetTag("localmodel.visual_tokens.kept", state.VisualTokensKept);
                    LogFinished(_logger, generated, finish.Value, ttft, rate);
                    yield return new GenerationUpdate
                    {
                        TokenId = isEos ? -1 : token,
                        Text = text,
                        FinishReason = finish,
                        Usage = usage,
                        Timings = timings,
                        PrefillLogits = state.PrefillLogits,
                    };
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _kvPool.Dispose();
        lock (_stagesLock)
        {
            _stageGraphs?.Dispose();
        }

        _slots.Dispose();
        _deviceAllocator?.Dispose();
        _deviceMemory?.Dispose();
        _decoder.Dispose();
        _embed.Dispose();
        _embeddingTable?.Dispose();
        _projector?.Dispose();
        _vision.Dispose();
    }

    private async Task AcquireSlotAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        if (Interlocked.Increment(ref _waiting) > _maxQueued)
        {
            Interlocked.Decrement(ref _waiting);
            throw new RequestQueueFullException(string.Create(CultureInfo.InvariantCulture, $"The engine is busy: {_slots.CurrentCount} free slots and {_maxQueued} requests already waiting (VlmEngineOptions.MaxQueuedRequests). Retry later."));
        }

        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Generated {Tokens} tokens ({Reason}); TTFT {Ttft:F1} ms, {Rate:F1} tokens/s")]
    private static partial void LogFinished(ILogger logger, int tokens, FinishReason reason, double ttft, double rate);

    private static T Track<T>(List<IDisposable> list, T item)
        where T : IDisposable
    {
        list.Add(item);
        return item;
    }

    private string RequireName(InferenceSession session, string name, bool input, string role)
    {
        var meta = input ? session.InputMetadata : session.OutputMetadata;
        return meta.ContainsKey(name)
            ? name
            : throw new ModelPackageException($"The {role} graph '{Package.GraphPath(role)}' has no {(input ? "input" : "output")} '{name}' named in the manifest; it has: {string.Join(", ", meta.Keys)}.");
    }

    private DecodeState Prefill(GenerationRequest request, Stopwatch wall, CancellationToken cancellationToken)
    {
        var m = Package.Manifest;
        var imageToken = m.SpecialTokens.Image;
        var ids = request.PromptTokenIds?.ToArray() ?? Tokenizer.Encode(request.Prompt!, request.AddBos);
        foreach (var id in ids)
        {
            if (id < 0 || id >= m.Text.VocabSize)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Prompt token id {id} is outside the vocabulary 0..{m.Text.VocabSize - 1}."), nameof(request));
            }
        }

        var placeholders = ids.Count(id => id == imageToken);
        if (placeholders != request.Images.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prompt has {placeholders} image placeholder(s) ('{m.SpecialTokens.ImageText}', id {imageToken}) but {request.Images.Count} image(s) were given."), nameof(request));
        }

        double ortMs = 0;
        var visionWatch = Stopwatch.StartNew();
        var images = new ImageEmbedding[request.Images.Count];
        double selectionMs = 0;
        var visualTotal = 0;
        for (var i = 0; i < images.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            images[i] = EncodeImage(request, i, ref ortMs, ref selectionMs, cancellationToken);
            visualTotal += images[i].TokensTotal;
        }

        visionWatch.Stop();
        var visualKept = images.Sum(e => e.Tokens);
        var promptLength = ids.Length - images.Length + visualKept;
        if (promptLength + 1 > ContextLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prompt needs {promptLength} positions ({visualKept} visual) but the model's context is {ContextLength}; shorten the prompt, send fewer images or keep fewer visual tokens."), nameof(request));
        }

        VlmTelemetry.VisualTokensTotal.Add(visualTotal);
        VlmTelemetry.VisualTokensKept.Add(visualKept);
        var capacity = Math.Min(ContextLength, promptLength + request.MaxTokens);
        DecodeState? state = null;
        try
        {
            using var runOptions = new RunOptions();
            if (request.LlmPruning is { } plan)
            {
                plan.Validate(m.Text.StageBoundaries);
                if (plan.MaskInsteadOfDrop && !plan.KeepOriginalPositions)
                {
                    throw new ArgumentException("Masking instead of dropping keeps every position; it needs KeepOriginalPositions.", nameof(request));
                }

                var staged = new StagedState(this, GetStageGraphs(), request, capacity, promptLength, ortMs, visionWatch.Elapsed.TotalMilliseconds, selectionMs, visualTotal, visualKept);
                state = staged;
                staged.RunPrefill(BuildPromptRows(ids, images, imageToken, plan.KeepOriginalPositions || request.KeepOriginalPositions, runOptions));
            }
            else
            {
                var plain = new RequestState(this, request, capacity, promptLength, ortMs, visionWatch.Elapsed.TotalMilliseconds, selectionMs, visualTotal, visualKept);
                state = plain;
                plain.RunPrefill(BuildPromptRows(ids, images, imageToken, request.KeepOriginalPositions, runOptions));
            }

            foreach (var id in ids)
            {
                if (id != imageToken)
                {
                    state.Sampler.Observe(id);
                }
            }

            return state;
        }
        catch
        {
            state?.Dispose();
            throw;
        }
    }

    private ImageEmbedding EncodeImage(GenerationRequest request, int index, ref double ortMs, ref double selectionMs, CancellationToken cancellationToken)
    {
        var m = Package.Manifest;
        var input = request.Images[index];
        var image = _imageLoader.Load(input.Data, input.Name, cancellationToken);
        var size = m.Vision.ImageSize;
        var pixels = new float[3 * size * size];
        _preprocessor.Preprocess(image, pixels);
        var outputNames = new string[1 + _clsOutputs.Length];
        outputNames[0] = _visionFeatures;
        for (var i = 0; i < _clsOutputs.Length; i++)
        {
            outputNames[i + 1] = _clsOutputs[i].Name;
        }

        var sw = Stopwatch.StartNew();
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(pixels, new long[] { 1, 3, size, size });
        using var runOptions = new RunOptions();
        using var outputs = _vision.Run(runOptions, new[] { _visionInput }, new[] { pixelValue }, outputNames);
        ortMs += sw.Elapsed.TotalMilliseconds;
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var tokens = (int)shape[1];
        var width = (int)shape[2];
        var features = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var cls = new Dictionary<int, ReadOnlyMemory<float>>();
        for (var i = 0; i < _clsOutputs.Length; i++)
        {
            cls[_clsOutputs[i].Layer] = outputs[i + 1].GetTensorDataAsSpan<float>().ToArray();
        }

        var selector = request.VisualTokenSelector ?? KeepAllVisualTokenSelector.Instance;
        var budget = request.VisualTokenBudget?.Resolve(tokens) ?? tokens;
        sw.Restart();
        var keep = selector.Select(new VisualTokenSelectionContext
        {
            Features = features,
            TokenCount = tokens,
            FeatureWidth = width,
            ClsAttention = cls,
            GridHeight = m.Vision.GridHeight,
            GridWidth = m.Vision.GridWidth,
            Budget = budget,
            ImageIndex = index,
        });
        selectionMs += sw.Elapsed.TotalMilliseconds;
        ValidateSelection(selector, keep, tokens);
        float[] selected;
        if (keep.Features is { } merged)
        {
            if (merged.Length != keep.Count * width)
            {
                throw new InvalidOperationException($"Visual-token selector '{selector.Name}' returned rows of the wrong width (expected {width}).");
            }

            selected = merged;
        }
        else
        {
            selected = new float[keep.Count * width];
            for (var k = 0; k < keep.Count; k++)
            {
                features.AsSpan(keep.SourceIndices[k] * width, width).CopyTo(selected.AsSpan(k * width));
            }
        }

        if (_projector is null)
        {
            return new ImageEmbedding(selected, keep.Count, tokens, keep.SourceIndices);
        }

        sw.Restart();
        var projectorGraph = Package.Graph(ModelPackage.ProjectorRole);
        using var featureValue = OrtValue.CreateTensorValueFromMemory(selected, new long[] { 1, keep.Count, width });
        using var projected = _projector.Run(runOptions, new[] { projectorGraph.Inputs["features"] }, new[] { featureValue }, new[] { projectorGraph.Outputs["image_features"] });
        ortMs += sw.Elapsed.TotalMilliseconds;
        return new ImageEmbedding(projected[0].GetTensorDataAsSpan<float>().ToArray(), keep.Count, tokens, keep.SourceIndices);
    }

    private static void ValidateSelection(IVisualTokenSelector selector, VisualTokenSelection keep, int tokens)
    {
        if (keep is null || keep.Count == 0 || keep.Count > tokens)
        {
            throw new InvalidOperationException($"Visual-token selector '{selector.Name}' kept {keep?.Count ?? 0} rows of {tokens} tokens.");
        }

        var seen = new bool[tokens];
        foreach (var k in keep.SourceIndices)
        {
            if ((uint)k >= (uint)tokens || seen[k])
            {
                throw new InvalidOperationException($"Visual-token selector '{selector.Name}' returned index {k}, out of range or repeated.");
            }

            seen[k] = true;
        }
    }

    private sealed record ImageEmbedding(float[] Embeddings, int Tokens, int TokensTotal, int[] SourceIndices);
}
