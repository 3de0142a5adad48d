using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using LocalModel.Pruning;

namespace LocalModel.Chat;

/// <summary>
/// Turns chat messages and <see cref="ChatOptions"/> into a <see cref="GenerationRequest"/>: validates every message
/// and content, collects images, renders the template, tokenizes, and maps sampling, limits, tools, response format
/// and the snake_case settings. Reads its inputs only. Thread-safe.
/// </summary>
internal sealed partial class ChatRequestMapper
{
    private static readonly JsonSerializerOptions JsonOptions = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // OpenAI's "developer" role: instructions from the application, rendered like system messages.
    private const string DeveloperRole = "developer";

    private readonly ITextTokenizer _tokenizer;
    private readonly ModelManifest _manifest;
    private readonly LocalVlmChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _relaxedLogged = new(StringComparer.Ordinal);

    public ChatRequestMapper(ITextTokenizer tokenizer, ModelManifest manifest, IChatTemplate template, LocalVlmChatClientOptions options, ILogger logger)
    {
        _tokenizer = tokenizer;
        _manifest = manifest;
        Template = template;
        _options = options;
        _logger = logger;
    }

    public IChatTemplate Template { get; }

    /// <exception cref="ArgumentException">A message, option or setting is invalid; the message names it.</exception>
    /// <exception cref="NotSupportedException">A content type, media type, URI scheme, tool kind or option is not supported.</exception>
    /// <exception cref="FileNotFoundException">A <c>file:</c> image does not exist.</exception>
    public MappedChatRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("The message list is empty; send at least one message.", nameof(messages));
        }

        RejectUnsupportedOptions(options, _logger);
        var settings = LocalVlmRequestSettings.FromAdditionalProperties(options?.AdditionalProperties, _options.StrictRequestSettings, _logger);
        var (offered, argumentSchemas) = DescribeTools(options?.Tools);
        var (rendered, choice, requiredName) = ResolveToolMode(options?.ToolMode, offered);

        var images = new List<ImageInput>();
        var templateMessages = new List<ChatTemplateMessage>(list.Length + 1);
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            templateMessages.Add(new ChatTemplateMessage(ChatTemplateRole.System, options.Instructions));
        }

        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Length; i++)
        {
            templateMessages.Add(Normalize(list[i], i, images, callNames, offered));
        }

        var prompt = Template.Render(new ChatTemplateRequest
        {
            Messages = templateMessages,
            Tools = rendered,
            ToolChoice = choice,
            RequiredToolName = requiredName,
            ImagePlaceholder = _manifest.SpecialTokens.ImageText,
            DefaultSystemPrompt = _options.DefaultSystemPrompt,
        });

        var request = new GenerationRequest
        {
            PromptTokenIds = PromptEncoder.Encode(_tokenizer, prompt),
            MaxTokens = MaxTokens(options),
            Sampling = Sampling(options, settings),
            ReportLogProbabilities = settings.LogProbabilities == true,
        };
        foreach (var image in OrderImages(prompt, images))
        {
            request.Images.Add(image);
        }

        foreach (var stop in options?.StopSequences ?? [])
        {
            request.StopSequences.Add(string.IsNullOrEmpty(stop) ? throw new ArgumentException("ChatOptions.StopSequences holds an empty string.", nameof(options)) : stop);
        }

        ApplyPruning(request, settings);
        request.Constraint = CreateConstraint(options, rendered, choice, requiredName, argumentSchemas);
        request.Validate();
        return new MappedChatRequest(request, prompt, rendered, options?.AllowMultipleToolCalls ?? true);
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

    private static (IReadOnlyList<ChatToolDescription> Tools, Dictionary<string, JsonElement> ArgumentSchemas) DescribeTools(IList<AITool>? tools)
    {
        var argumentSchemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (tools is null || tools.Count == 0)
        {
            return ([], argumentSchemas);
        }

        var result = new List<ChatToolDescription>(tools.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (tool is not AIFunctionDeclaration function)
            {
                throw new NotSupportedException($"ChatOptions.Tools holds {tool?.GetType().Name ?? "null"} '{tool?.Name}'; the local model calls functions only (AIFunctionDeclaration).");
            }

            if (string.IsNullOrWhiteSpace(function.Name) || !names.Add(function.Name))
            {
                throw new ArgumentException($"ChatOptions.Tools holds the tool name '{function.Name}' {(string.IsNullOrWhiteSpace(function.Name) ? "(empty)" : "twice")}; tool names must be non-empty and unique.", "options");
            }

            result.Add(new ChatToolDescription(function.Name, function.Description ?? string.Empty, function.JsonSchema));
            argumentSchemas[function.Name] = ToolArgumentBounds.ConstraintSchema(function);
        }

        return (result, argumentSchemas);
    }

    private static (IReadOnlyList<ChatToolDescription> Rendered, ChatToolChoice Choice, string? RequiredName) ResolveToolMode(ChatToolMode? mode, IReadOnlyList<ChatToolDescription> offered)
    {
        switch (mode)
        {
            case NoneChatToolMode:
                return ([], ChatToolChoice.Auto, null);
            case RequiredChatToolMode required when offered.Count == 0:
                throw new ArgumentException($"ChatOptions.ToolMode is {(required.RequiredFunctionName is null ? "RequireAny" : $"RequireSpecific('{required.RequiredFunctionName}')")} but ChatOptions.Tools is empty.", "options");
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                var tool = offered.FirstOrDefault(t => t.Name == name)
                    ?? throw new ArgumentException($"ChatOptions.ToolMode requires the tool '{name}', which is not in ChatOptions.Tools ({string.Join(", ", offered.Select(t => t.Name))}).", "options");
                return ([tool], ChatToolChoice.Required, name);
            case RequiredChatToolMode:
                return (offered, ChatToolChoice.Required, null);
            default:
                return (offered, ChatToolChoice.Auto, null);
        }
    }

    private static ChatTemplateRole RoleOf(ChatMessage message, int index)
    {
        var role = message.Role;
        if (role == ChatRole.System || string.Equals(role.Value, DeveloperRole, StringComparison.OrdinalIgnoreCase))
        {
            return ChatTemplateRole.System;
        }

        if (role == ChatRole.User)
        {
            return ChatTemplateRole.User;
        }

        if (role == ChatRole.Assistant)
        {
            return ChatTemplateRole.Assistant;
        }

        return role == ChatRole.Tool
            ? ChatTemplateRole.Tool
            : throw new ArgumentException($"messages[{index}] has the role '{role}'; expected system (or developer), user, assistant or tool.", "messages");
    }

    private static IEnumerable<ImageInput> OrderImages(ChatPrompt prompt, List<ImageInput> images)
    {
        var order = prompt.ImageOrder;
        var placed = new bool[images.Count];
        foreach (var index in order)
        {
            if (index >= images.Count || placed[index])
            {
                throw new InvalidOperationException($"The chat template placed image {index} {(index >= images.Count ? $"but the request has {images.Count} image(s)" : "twice")}; each image must be placed exactly once.");
            }

            placed[index] = true;
        }

        if (order.Count != images.Count)
        {
            throw new InvalidOperationException($"The chat template placed {order.Count} of the request's {images.Count} image(s); each image must be placed exactly once.");
        }

        return order.Select(i => images[i]);
    }

    private ChatTemplateMessage Normalize(ChatMessage message, int index, List<ImageInput> images, Dictionary<string, string> callNames, IReadOnlyList<ChatToolDescription> offered)
    {
        if (message is null)
        {
            throw new ArgumentException($"messages[{index}] is null.", "messages");
        }

        var role = RoleOf(message, index);
        var text = new StringBuilder();
        var messageImages = new List<int>();
        var calls = new List<ChatTemplateToolCall>();
        var results = new List<ChatTemplateToolResult>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case TextReasoningContent or UsageContent:
                    // Reasoning of other models and usage records are metadata, not conversation: not rendered.
                    break;
                case DataContent or UriContent:
                    if (role is not (ChatTemplateRole.User or ChatTemplateRole.Tool))
                    {
                        throw new NotSupportedException($"messages[{index}] ({message.Role}) holds an image; images are supported in user and tool messages only.");
                    }

                    messageImages.Add(AddImage(content, index, images));
                    break;
                case FunctionCallContent call:
                    calls.Add(ToolCall(call, role, index, callNames, offered));
                    break;
                case FunctionResultContent result:
                    results.Add(ToolResult(result, role, index, callNames, messageImages, images));
                    break;
                default:
                    throw new NotSupportedException($"messages[{index}] holds {content?.GetType().Name ?? "null"}, which the local model cannot read; it reads TextContent, image DataContent, file: UriContent, FunctionCallContent and FunctionResultContent.");
            }
        }

        return new ChatTemplateMessage(role, text.ToString(), messageImages, calls, results);
    }

    private ChatTemplateToolCall ToolCall(FunctionCallContent call, ChatTemplateRole role, int index, Dictionary<string, string> callNames, IReadOnlyList<ChatToolDescription> offered)
    {
        if (role != ChatTemplateRole.Assistant)
        {
            throw new ArgumentException($"messages[{index}] ({role}) holds a FunctionCallContent; tool calls belong in assistant messages.", "messages");
        }

        if (string.IsNullOrWhiteSpace(call.Name) || string.IsNullOrEmpty(call.CallId))
        {
            throw new ArgumentException($"messages[{index}] holds a FunctionCallContent without a name or call id.", "messages");
        }

        if (offered.Count > 0 && !_options.AllowUnknownToolsInHistory && !offered.Any(t => t.Name == call.Name))
        {
            throw new ArgumentException($"messages[{index}] holds a call to the tool '{call.Name}', which is not among the tools offered ({string.Join(", ", offered.Select(t => t.Name))}); set LocalVlmChatClientOptions.AllowUnknownToolsInHistory to allow it.", "messages");
        }

        callNames[call.CallId] = call.Name;
        var arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), JsonOptions);
        return new ChatTemplateToolCall(call.CallId, call.Name, arguments);
    }

    private ChatTemplateToolResult ToolResult(FunctionResultContent result, ChatTemplateRole role, int index, Dictionary<string, string> callNames, List<int> messageImages, List<ImageInput> images)
    {
        if (role != ChatTemplateRole.Tool)
        {
            throw new ArgumentException($"messages[{index}] ({role}) holds a FunctionResultContent; tool results belong in tool messages.", "messages");
        }

        if (result.CallId is null || !callNames.TryGetValue(result.CallId, out var name))
        {
            throw new ArgumentException($"messages[{index}] holds a FunctionResultContent for the call id '{result.CallId}', but no earlier assistant message has a FunctionCallContent with that id.", "messages");
        }

        string json;
        switch (result.Result)
        {
            case null when result.Exception is { } exception:
                json = JsonSerializer.Serialize("Error: " + exception.Message, JsonOptions);
                break;
            case null:
                json = "null";
                break;
            case string s:
                json = JsonSerializer.Serialize(s, JsonOptions);
                break;
            case JsonElement e:
                json = JsonSerializer.Serialize(e, JsonOptions);
                break;
            case JsonNode node:
                json = node.ToJsonString(JsonOptions);
                break;
            case AIContent content:
                json = ContentJson([content], index, messageImages, images);
                break;
            case IEnumerable<AIContent> contents:
                json = ContentJson(contents, index, messageImages, images);
                break;
            default:
                try
                {
                    json = JsonSerializer.Serialize(result.Result, result.Result.GetType(), JsonOptions);
                }
                catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
                {
                    throw new ArgumentException($"messages[{index}]: the result of call '{result.CallId}' ({result.Result.GetType().Name}) cannot be written as JSON: {e.Message}", "messages", e);
                }

                break;
        }

        return new ChatTemplateToolResult(result.CallId, name, json);
    }

    private string ContentJson(IEnumerable<AIContent> contents, int index, List<int> messageImages, List<ImageInput> images)
    {
        var text = new StringBuilder();
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case DataContent or UriContent:
                    messageImages.Add(AddImage(content, index, images));
                    break;
                default:
                    throw new NotSupportedException($"messages[{index}]: a tool result holds {content?.GetType().Name ?? "null"}; tool results may hold text and images only.");
            }
        }

        return JsonSerializer.Serialize(text.ToString(), JsonOptions);
    }

    private int AddImage(AIContent content, int index, List<ImageInput> images)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"messages[{index}] image {images.Count + 1}");
        ImageInput input;
        if (content is DataContent data)
        {
            if (!data.HasTopLevelMediaType("image"))
            {
                throw new NotSupportedException($"{label}: DataContent of media type '{data.MediaType}' is not supported; the local model reads images (image/*) only.");
            }

            input = ImageInput.FromBytes(data.Data, data.Name is { } name ? $"{label} ({name})" : label);
        }
        else
        {
            var uri = ((UriContent)content).Uri;
            if (!uri.IsAbsoluteUri || !uri.IsFile)
            {
                throw new NotSupportedException($"{label}: UriContent '{uri}' has the scheme '{(uri.IsAbsoluteUri ? uri.Scheme : "(relative)")}'; only file: URIs are read (the local model never fetches from the network). Send the bytes as DataContent.");
            }

            if (!_options.AllowFileUris)
            {
                throw new NotSupportedException($"{label}: UriContent '{uri}' is a file: URI, and LocalVlmChatClientOptions.AllowFileUris is false.");
            }

            if (!((UriContent)content).HasTopLevelMediaType("image"))
            {
                throw new NotSupportedException($"{label}: UriContent of media type '{((UriContent)content).MediaType}' is not supported; the local model reads images (image/*) only.");
            }

            var path = uri.LocalPath;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{label}: the image file '{path}' (from UriContent '{uri}') does not exist.", path);
            }

            input = ImageInput.FromBytes(File.ReadAllBytes(path), $"{label} ({Path.GetFileName(path)})");
        }

        images.Add(input);
        return images.Count - 1;
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
    private ITokenConstraint? CreateConstraint(ChatOptions? options, IReadOnlyList<ChatToolDescription> tools, ChatToolChoice choice, string? requiredName, IReadOnlyDictionary<string, JsonElement> argumentSchemas)
    {
        var json = options?.ResponseFormat as ChatResponseFormatJson;
        if (tools.Count > 0)
        {
            return ToolCalling.CreateToolCallConstraint(
                _tokenizer, tools, choice, requiredName, options?.AllowMultipleToolCalls != false, argumentSchemas, json is not null, json?.Schema, ReportRelaxed);
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
