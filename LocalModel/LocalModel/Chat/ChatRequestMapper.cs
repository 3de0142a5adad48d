using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using LocalModel.Pruning;

namespace LocalModel.Chat;

/// <summary>
/// Turns chat messages and <see cref="ChatOptions"/> into a <see cref="GenerationRequest"/>: validates every message
/// and content, collects images and renders the template (both with <see cref="ChatPromptRenderer"/>, shared with
/// training-data export), tokenizes, and maps sampling, limits, tools, response format
/// and the snake_case settings. Reads its inputs only. Thread-safe.
/// </summary>
internal sealed partial class ChatRequestMapper
{
    private readonly ITextTokenizer _tokenizer;
    private readonly ModelManifest _manifest;
    private readonly ChatPromptRenderer _renderer;
    private readonly LocalVlmChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _relaxedLogged = new(StringComparer.Ordinal);

    public ChatRequestMapper(ITextTokenizer tokenizer, ModelManifest manifest, IChatTemplate template, LocalVlmChatClientOptions options, ILogger logger)
    {
        _tokenizer = tokenizer;
        _manifest = manifest;
        _renderer = ChatPromptRenderer.FromSnapshot(template, options, manifest.SpecialTokens.ImageText);
        _options = options;
        _logger = logger;
    }

    public IChatTemplate Template => _renderer.Template;

    /// <exception cref="ArgumentException">A message, option or setting is invalid; the message names it.</exception>
    /// <exception cref="NotSupportedException">A content type, media type, URI scheme, tool kind or option is not supported.</exception>
    /// <exception cref="FileNotFoundException">A <c>file:</c> image does not exist.</exception>
    public MappedChatRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = ChatPromptRenderer.ToList(messages);
        RejectUnsupportedOptions(options, _logger);
        var settings = LocalVlmRequestSettings.FromAdditionalProperties(options?.AdditionalProperties, _options.StrictRequestSettings, _logger);
        var rendered = _renderer.RenderCore(list, options);
        var prompt = rendered.Prompt;

        var request = new GenerationRequest
        {
            PromptTokenIds = PromptEncoder.Encode(_tokenizer, prompt),
            MaxTokens = MaxTokens(options),
            Sampling = Sampling(options, settings),
            ReportLogProbabilities = settings.LogProbabilities == true,
        };
        foreach (var image in rendered.Inputs)
        {
            request.Images.Add(image);
        }

        foreach (var stop in options?.StopSequences ?? [])
        {
            request.StopSequences.Add(string.IsNullOrEmpty(stop) ? throw new ArgumentException("ChatOptions.StopSequences holds an empty string.", nameof(options)) : stop);
        }

        ApplyPruning(request, settings);
        request.Constraint = CreateConstraint(options, rendered);
        if (request.Constraint?.MinimalCompletionTokens() is { } needed && needed > request.MaxTokens)
        {
            // The engine would stop mid-call at the limit and the caller would get the cut call as text. (Raw engine
            // requests may still cut a constrained output: benchmarks measure masks at fixed lengths.)
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The output limit is {request.MaxTokens} tokens, but the shortest output the constraint allows (a tool call or JSON value) takes {needed}; raise the limit (ChatOptions.MaxOutputTokens, max_tokens) to at least {needed}, or shorten the tool names and schemas."), nameof(options));
        }

        request.Validate();
        return new MappedChatRequest(request, prompt, rendered.Rendered, options?.AllowMultipleToolCalls ?? true);
    }

    private static void RejectUnsupportedOptions(ChatOptions? options, ILogger logger)
    {
        if (options is null)
        {
            return;
        }

        if (options.ConversationId is not null)
        {
            // The client is stateless: the caller sends the whole history, so the id has nothing to refer to.
            LogConversationIdIgnored(logger, options.ConversationId);
        }

        if (options.ContinuationToken is not null)
        {
            throw new NotSupportedException("ChatOptions.ContinuationToken is not supported: the local model has no background responses.");
        }
    }

    private int MaxTokens(ChatOptions? options)
    {
        var max = options?.MaxOutputTokens ?? _options.DefaultMaxOutputTokens;
        return max > 0 ? max : throw new ArgumentOutOfRangeException(nameof(options), max, "ChatOptions.MaxOutputTokens must be positive.");
    }

    private static SamplingOptions Sampling(ChatOptions? options, LocalVlmRequestSettings settings)
    {
        if (options?.TopK is { } topK && settings.TopK is { } settingsTopK && topK != settingsTopK)
        {
            throw new ArgumentException($"ChatOptions.TopK ({topK}) and AdditionalProperties['{LocalVlmRequestSettings.TopKKey}'] ({settingsTopK}) disagree; set one.", nameof(options));
        }

        int? seed = options?.Seed switch
        {
            null => null,
            long s when s is >= int.MinValue and <= int.MaxValue => (int)s,
            long s => throw new ArgumentOutOfRangeException(nameof(options), s, "ChatOptions.Seed must fit in 32 bits."),
        };
        var sampling = new SamplingOptions
        {
            Temperature = options?.Temperature ?? 0f,
            TopP = options?.TopP ?? 1f,
            TopK = options?.TopK ?? settings.TopK ?? 0,
            RepetitionPenalty = settings.RepetitionPenalty ?? 1f,
            FrequencyPenalty = options?.FrequencyPenalty ?? 0f,
            PresencePenalty = options?.PresencePenalty ?? 0f,
            Seed = seed,
        };
        sampling.Validate();
        return sampling;
    }

    private void ApplyPruning(GenerationRequest request, LocalVlmRequestSettings settings)
    {
        var method = settings.PruningMethod ?? _options.DefaultPruningMethod;
        var budget = settings.VisualTokenBudget ?? _options.DefaultVisualTokenBudget;
        var keepPositions = settings.KeepPositions ?? false;
        if (_options.VisualTokenSelectors.TryGetValue(method, out var custom))
        {
            // An application-registered selector takes precedence over the built-in names.
            request.VisualTokenSelector = custom;
            request.VisualTokenBudget = budget;
            request.KeepOriginalPositions = keepPositions;
            return;
        }

        if (!VisualTokenSelectors.IsKnown(method))
        {
            throw new ArgumentException($"AdditionalProperties['{LocalVlmRequestSettings.PruningMethodKey}'] names the unknown method '{method}'; known: {string.Join(", ", VisualTokenSelectors.MethodNames.Concat(VisualTokenSelectors.InLlmMethodNames).Concat(_options.VisualTokenSelectors.Keys))}.", "options");
        }

        if (string.Equals(method, LocalVlmChatClientOptions.NoPruning, StringComparison.OrdinalIgnoreCase) && budget is not null)
        {
            throw new ArgumentException($"AdditionalProperties['{LocalVlmRequestSettings.VisualTokenBudgetKey}'] ({budget}) has no effect with the pruning method '{LocalVlmChatClientOptions.NoPruning}'; set '{LocalVlmRequestSettings.PruningMethodKey}' too.", "options");
        }

        try
        {
            PruningSetup.Apply(request, _manifest, new PruningOptions { Method = method, Budget = budget, KeepOriginalPositions = keepPositions });
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"AdditionalProperties['{LocalVlmRequestSettings.PruningMethodKey}'] = '{method}': {ex.Message}", "options", ex);
        }
    }

    // Tools in Auto mode next to a JSON response format: a call or the JSON answer. Required: a call only.
    private ITokenConstraint? CreateConstraint(ChatOptions? options, ChatRenderResult rendered)
    {
        var json = options?.ResponseFormat as ChatResponseFormatJson;
        if (rendered.Rendered.Count > 0)
        {
            var argumentSchemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var function in rendered.Functions)
            {
                argumentSchemas[function.Name] = ToolArgumentBounds.ConstraintSchema(function);
            }

            return ToolCalling.CreateToolCallConstraint(
                _tokenizer, rendered.Rendered, rendered.Choice, rendered.RequiredName, options?.AllowMultipleToolCalls != false, argumentSchemas, json is not null, json?.Schema, ReportRelaxed, Template.ToolCallNewlines);
        }

        return json is null ? null : ToolCalling.CreateJsonConstraint(_tokenizer, json.Schema, ReportRelaxed);
    }

    // A schema keyword the constraint does not enforce: logged once per keyword, location and reason for this client.
    private void ReportRelaxed(string keyword, string path, string reason)
    {
        if (_relaxedLogged.TryAdd(string.Join('\n', keyword, path, reason), 0))
        {
            LogSchemaRelaxed(_logger, keyword, path, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JSON Schema keyword '{Keyword}' at '{Path}' relaxed by constrained decoding: {Reason}")]
    private static partial void LogSchemaRelaxed(ILogger logger, string keyword, string path, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ChatOptions.ConversationId '{ConversationId}' ignored: the local model keeps no conversations and reads the whole history from the messages")]
    private static partial void LogConversationIdIgnored(ILogger logger, string conversationId);
}
