using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Chat;

/// <summary>
/// The local vision-language model as a Microsoft.Extensions.AI <see cref="IChatClient"/>: renders the conversation
/// with the package's chat template (images from <see cref="DataContent"/> and <c>file:</c> <see cref="UriContent"/>,
/// tool calls and results in the format of <see cref="ToolPromptFormat"/>), generates on a <see cref="VlmEngine"/> and
/// streams the answer, parsing tool calls into <see cref="FunctionCallContent"/>. Stateless between requests and
/// thread-safe: concurrent requests share the engine (bounded by its queue). Caller inputs are never modified.
/// </summary>
public sealed partial class LocalVlmChatClient : IChatClient
{
    /// <summary>The provider name in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "localmodel";

    /// <summary>The key of the visual tokens the images produced, in the last update's and the response's <c>AdditionalProperties</c>.</summary>
    public const string VisualTokensTotalKey = "visual_tokens_total";

    /// <summary>The key of the visual tokens that reached the decoder (after pruning).</summary>
    public const string VisualTokensKeptKey = "visual_tokens_kept";

    /// <summary>
    /// The <see cref="AITool.AdditionalProperties"/> key of a constraint-only argument schema: a JSON schema
    /// (<see cref="System.Text.Json.JsonElement"/> object) that constrained decoding follows for the tool's arguments instead of
    /// its <see cref="AIFunctionDeclaration.JsonSchema"/>, while the prompt still shows the JsonSchema. Use it to narrow
    /// arguments per request (bounds, an enum of ids that exist) without changing what the model reads.
    /// </summary>
    public const string ConstraintSchemaKey = "constraint_schema";

    /// <summary>The key of the time to first token, in milliseconds.</summary>
    public const string TimeToFirstTokenKey = "ttft_ms";

    /// <summary>
    /// The key of the generated tokens' summed log-probability (a <see cref="double"/>), in the last update's and the
    /// response's <c>AdditionalProperties</c>, when the request set <c>logprobs</c> (<see cref="LocalVlmRequestSettings.LogProbabilities"/>).
    /// </summary>
    public const string LogProbabilityKey = "log_probability";

    /// <summary>The key of the per-token log-probabilities (a <see cref="double"/> array, one per generated token), next to <see cref="LogProbabilityKey"/>.</summary>
    public const string TokenLogProbabilitiesKey = "token_log_probabilities";

    /// <summary>The key of the decoder's prefill time, in milliseconds.</summary>
    public const string PrefillKey = "prefill_ms";

    private readonly bool _ownsEngine;
    private readonly ChatRequestMapper _mapper;
    private readonly ChatResponseAssembler _assembler;
    private readonly ChatClientMetadata _metadata;
    private readonly ILogger _logger;
    private long _lastCallId;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="LocalVlmChatClient"/> class.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="ownsEngine">Whether disposing the client disposes the engine. Default false.</param>
    /// <param name="options">The options (copied); null for the defaults.</param>
    /// <param name="loggerFactory">The logger factory; null for none.</param>
    /// <exception cref="ArgumentException">An option is invalid, or the package names a chat template that is not in <see cref="LocalVlmChatClientOptions.ChatTemplates"/>.</exception>
    public LocalVlmChatClient(VlmEngine engine, bool ownsEngine = false, LocalVlmChatClientOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var snapshot = options?.Clone() ?? new LocalVlmChatClientOptions();
        snapshot.Validate();
        Engine = engine;
        _ownsEngine = ownsEngine;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LocalVlmChatClient>();
        var manifest = engine.Package.Manifest;
        var template = snapshot.ChatTemplate ?? snapshot.ChatTemplates.Get(manifest.ChatTemplate);
        _mapper = new ChatRequestMapper(engine.Tokenizer, manifest, template, snapshot, _logger);
        ModelId = snapshot.ModelId
            ?? (string.IsNullOrWhiteSpace(manifest.Name) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(engine.Package.Directory)) : manifest.Name);
        _metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: ModelId);
        _assembler = new ChatResponseAssembler(ModelId, NewCallId, _logger);
    }

    /// <summary>Gets the engine.</summary>
    public VlmEngine Engine { get; }

    /// <summary>Gets the model id reported in responses.</summary>
    public string ModelId { get; }

    /// <summary>Gets the chat template in use.</summary>
    public IChatTemplate ChatTemplate => _mapper.Template;

    /// <inheritdoc />
    /// <remarks>
    /// Built on <see cref="GetStreamingResponseAsync"/>. The response's <c>AdditionalProperties</c> (and its message's)
    /// carry <c>visual_tokens_total</c>, <c>visual_tokens_kept</c>, <c>ttft_ms</c> and <c>prefill_ms</c>.
    /// </remarks>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var response = await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

        // ToChatResponseAsync keeps an update's AdditionalProperties on its message; the response carries them too.
        if (response.Messages.Count > 0 && response.Messages[^1].AdditionalProperties is { } properties)
        {
            response.AdditionalProperties = new AdditionalPropertiesDictionary(properties);
        }

        return response;
    }

    /// <inheritdoc />
    /// <remarks>
    /// One update per piece of text the model makes final; while tools are offered, text from a <c>&lt;tool_call&gt;</c>
    /// marker on is held back and parsed at the end. The last update carries the finish reason, <see cref="UsageContent"/>,
    /// the parsed <see cref="FunctionCallContent"/>s and, in <c>AdditionalProperties</c>, <c>visual_tokens_total</c>,
    /// <c>visual_tokens_kept</c>, <c>ttft_ms</c> and <c>prefill_ms</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">A message, option or setting is invalid, or the prompt exceeds the context.</exception>
    /// <exception cref="NotSupportedException">A content type, media type, URI scheme, tool kind or option is not supported.</exception>
    /// <exception cref="FileNotFoundException">A <c>file:</c> image does not exist.</exception>
    /// <exception cref="Imaging.ImageDecodeException">An image cannot be decoded; the message names the message and image.</exception>
    /// <exception cref="RequestQueueFullException">The engine's request queue is full.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var mapped = _mapper.Map(messages, options);
        LogRequest(_logger, mapped.Request.PromptTokenIds!.Count, mapped.Request.Images.Count, mapped.Tools.Count);
        LogPrompt(_logger, mapped.Prompt.Text);
        var updates = Engine.GenerateStreamingAsync(mapped.Request, cancellationToken);
        await foreach (var update in _assembler.AssembleAsync(updates, mapped.Tools, mapped.AllowMultipleToolCalls, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    /// <remarks>Returns the <see cref="ChatClientMetadata"/>, the <see cref="VlmEngine"/>, the <see cref="IChatTemplate"/> or this client; null for a key.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(VlmEngine))
        {
            return Engine;
        }

        if (serviceType == typeof(IChatTemplate))
        {
            return ChatTemplate;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsEngine)
        {
            Engine.Dispose();
        }
    }

    private string NewCallId() => string.Create(CultureInfo.InvariantCulture, $"call_{Interlocked.Increment(ref _lastCallId)}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chat request: {PromptTokens} prompt tokens, {Images} image(s), {Tools} tool(s) offered")]
    private static partial void LogRequest(ILogger logger, int promptTokens, int images, int tools);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Chat prompt (holds message content): {Prompt}")]
    private static partial void LogPrompt(ILogger logger, string prompt);
}
