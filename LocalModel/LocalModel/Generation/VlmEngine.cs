using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Imaging;
using LocalModel.Packaging;
using LocalModel.Runtime;
using LocalModel.Telemetry;
using LocalModel.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace LocalModel.Generation;

/// <summary>
/// Runs a vision-language model package: images through the vision encoder, the visual-token selector and the
/// projector (<see cref="ImageEncoder"/>); their rows merged into the prompt's token embeddings at the image
/// placeholders (<see cref="PromptRowBuilder"/>); a prefill per request on the thread pool; then the decode loop on the
/// engine's own thread (<see cref="DecodeScheduler"/>), where the steps of concurrent requests run as one batched
/// decoder call. Callers read their tokens asynchronously and never run a decode step themselves. Thread-safe: one
/// engine serves concurrent requests, each with its own state.
/// </summary>
public sealed class VlmEngine : IDisposable
{
    private readonly List<IDisposable> _owned = new();
    private readonly DecoderContext _context;
    private readonly ImageEncoder _images;
    private readonly PromptRowBuilder _rows;
    private readonly OnnxSessionFactory _sessionFactory;
    private readonly RequestAdmission _admission;
    private readonly DecodeScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly HashSet<int> _eos;
    private readonly Lazy<StageGraphs> _stageGraphs;
    private int _disposed;

    private VlmEngine(ModelPackage package, VlmEngineOptions options, ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<VlmEngine>();
        Package = package;
        var m = package.Manifest;
        _sessionFactory = new OnnxSessionFactory(options, _logger);
        ExecutionProvider = _sessionFactory.ExecutionProvider;
        ContextLength = options.ContextLength > 0 ? Math.Min(options.ContextLength, m.Text.ContextLength) : m.Text.ContextLength;
        try
        {
            Tokenizer = VlmTokenizer.Load(package.Directory);
            var vision = Own(_sessionFactory.Create(package.GraphPath(ModelPackage.VisionEncoderRole), ModelPackage.VisionEncoderRole));
            var projector = m.Vision.FeaturesProjected ? null : Own(_sessionFactory.Create(package.GraphPath(ModelPackage.ProjectorRole), ModelPackage.ProjectorRole));
            var embed = Own(_sessionFactory.Create(package.GraphPath(ModelPackage.EmbedTokensRole), ModelPackage.EmbedTokensRole));
            var decoder = Own(_sessionFactory.Create(package.GraphPath(ModelPackage.DecoderRole), ModelPackage.DecoderRole));
            var io = new DecoderBinding(package, decoder);
            var table = m.Text.EmbeddingTable is { } t ? Own(new EmbeddingTable(package.Directory, t, m.Text.HiddenSize, m.Text.VocabSize)) : null;
            OrtAllocator? deviceAllocator = null;
            if (ExecutionProvider == "CUDA")
            {
                var deviceMemory = Own(new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, options.CudaDeviceId, OrtMemType.Default));
                deviceAllocator = Own(new OrtAllocator(decoder, deviceMemory));
            }

            _images = new ImageEncoder(package, vision, projector, options.MaxImagePixels);
            _rows = new PromptRowBuilder(package, embed, table);
            var embedGraph = package.Graph(ModelPackage.EmbedTokensRole);
            var kvPool = Own(new KvCachePool(m.Text.NumLayers, m.Text.NumKvHeads, m.Text.HeadDim, ContextLength, options.MaxPooledCaches, deviceAllocator));
            _context = new DecoderContext(package, decoder, embed, io, embedGraph.Inputs["input_ids"], embedGraph.Outputs["inputs_embeds"], kvPool, table, ContextLength);
            _eos = new HashSet<int>(m.SpecialTokens.Eos.Concat(Tokenizer.EosTokenIds));
            _stageGraphs = new Lazy<StageGraphs>(() => Own(new StageGraphs(Package, _sessionFactory)), LazyThreadSafetyMode.ExecutionAndPublication);
            _admission = Own(new RequestAdmission(options.MaxConcurrentRequests, options.MaxQueuedRequests));
            var batch = deviceAllocator is null && options.MaxBatchSize > 1 && DecodeBatch.Supports(_context) ? new DecodeBatch(_context, options.MaxBatchSize) : null;
            _scheduler = new DecodeScheduler(batch, _logger);
        }
        catch
        {
            DisposeOwned();
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
        var text = new StringBuilder();
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
    /// Prefill runs on the thread pool and decoding on the engine's decode thread, so the caller's thread only awaits.
    /// Cancellation is honoured between tokens; a cancelled request leaves its batch and frees its cache.
    /// </summary>
    /// <exception cref="ArgumentException">The request is malformed, its images do not match its placeholders, or it exceeds the context.</exception>
    /// <exception cref="ImageDecodeException">An image cannot be decoded or is too large.</exception>
    /// <exception cref="RequestQueueFullException">Too many requests are waiting.</exception>
    public async IAsyncEnumerable<GenerationUpdate> GenerateStreamingAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        request.Validate();
        using var activity = VlmTelemetry.ActivitySource.StartActivity("generate");
        var stats = new GenerationStatistics();
        var slot = await _admission.AcquireAsync(cancellationToken).ConfigureAwait(false);
        GenerationSequence sequence;
        try
        {
            sequence = await Task.Run(() => Start(request, stats, slot, activity, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            slot.Dispose();
            throw;
        }

        try
        {
            await foreach (var update in sequence.Updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return update;
            }
        }
        finally
        {
            // A caller that stops reading early (or cancels) ends the request; the decode loop frees it.
            sequence.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _scheduler.Dispose();
        DisposeOwned();
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(item);
        }

        return item;
    }

    private void DisposeOwned()
    {
        lock (_owned)
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }

            _owned.Clear();
        }
    }

    /// <summary>Encodes, prefills and picks the first token; the request then joins the decode loop unless it is done.</summary>
    private GenerationSequence Start(GenerationRequest request, GenerationStatistics stats, IDisposable slot, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var ids = PromptIds(request);
        var session = Prefill(request, ids, stats, cancellationToken);
        var capacity = session.Capacity;
        var pipeline = new LogitsPipeline(request.Sampling, Package.Manifest.Text.VocabSize, capacity, request.MaxTokens, request.IgnoreEndOfSequence ? _eos : null, request.Constraint, Tokenizer.VocabularySize);
        foreach (var id in ids)
        {
            if (id != Package.Manifest.SpecialTokens.Image)
            {
                pipeline.Observe(id);
            }
        }

        var sequence = new GenerationSequence(request, session, pipeline, _eos, Tokenizer, slot, activity, _logger);
        try
        {
            if (sequence.Advance(session.Logits))
            {
                sequence.Dispose();
            }
            else
            {
                _scheduler.Add(sequence);
            }

            return sequence;
        }
        catch
        {
            // The slot goes back with the caller's catch.
            session.Dispose();
            throw;
        }
    }

    private int[] PromptIds(GenerationRequest request)
    {
        var m = Package.Manifest;
        var ids = request.PromptTokenIds?.ToArray() ?? Tokenizer.Encode(request.Prompt!, request.AddBos);
        foreach (var id in ids)
        {
            if (id < 0 || id >= m.Text.VocabSize)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Prompt token id {id} is outside the vocabulary 0..{m.Text.VocabSize - 1}."));
            }
        }

        var placeholders = ids.Count(id => id == m.SpecialTokens.Image);
        if (placeholders != request.Images.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prompt has {placeholders} image placeholder(s) ('{m.SpecialTokens.ImageText}', id {m.SpecialTokens.Image}) but {request.Images.Count} image(s) were given."));
        }

        return ids;
    }

    private DecodeSession Prefill(GenerationRequest request, int[] ids, GenerationStatistics stats, CancellationToken cancellationToken)
    {
        var needed = request.Constraint?.MinimalCompletionTokens();
        var visionWatch = System.Diagnostics.Stopwatch.StartNew();
        var images = new EncodedImage[request.Images.Count];
        for (var i = 0; i < images.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            images[i] = _images.Encode(request.Images[i], i, request.VisualTokenSelector, request.VisualTokenBudget, stats, cancellationToken);
            stats.AddVisualTokens(images[i].TokensTotal, images[i].Tokens);
        }

        stats.SetVision(visionWatch.Elapsed.TotalMilliseconds);
        var promptLength = ids.Length - images.Length + stats.VisualTokensKept;
        if (promptLength + 1 > ContextLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prompt needs {promptLength} positions ({stats.VisualTokensKept} visual) but the model's context is {ContextLength}; shorten the prompt, send fewer images or keep fewer visual tokens."));
        }

        if (needed > ContextLength - promptLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The prompt needs {promptLength} positions ({stats.VisualTokensKept} visual), which leaves {ContextLength - promptLength} of the model's {ContextLength}-position context, but the shortest output the constraint allows (a tool call or JSON value) takes {needed} tokens; shorten the prompt or the tool descriptions, offer fewer tools, send fewer images or keep fewer visual tokens."));
        }

        stats.SetPrompt(promptLength);
        VlmTelemetry.VisualTokensTotal.Add(stats.VisualTokensTotal);
        VlmTelemetry.VisualTokensKept.Add(stats.VisualTokensKept);
        var capacity = Math.Min(ContextLength, promptLength + request.MaxTokens);
        if (request.LlmPruning is { } plan)
        {
            plan.Validate(Package.Manifest.Text.StageBoundaries);
            if (plan.MaskInsteadOfDrop && !plan.KeepOriginalPositions)
            {
                throw new ArgumentException("Masking instead of dropping keeps every position; it needs KeepOriginalPositions.");
            }

            var staged = new StagedDecodeSession(_context, _stageGraphs.Value, request, capacity, stats);
            return RunPrefill(staged, () => staged.RunPrefill(_rows.Build(ids, images, plan.KeepOriginalPositions || request.KeepOriginalPositions, stats)));
        }

        var plain = new PlainDecodeSession(_context, request, capacity, stats);
        return RunPrefill(plain, () => plain.RunPrefill(_rows.Build(ids, images, request.KeepOriginalPositions, stats)));
    }

    private static DecodeSession RunPrefill(DecodeSession session, Action prefill)
    {
        try
        {
            prefill();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
