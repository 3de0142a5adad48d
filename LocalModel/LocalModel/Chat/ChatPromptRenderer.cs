using System;
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
using Microsoft.Extensions.AI;

namespace LocalModel.Chat;

/// <summary>
/// Renders chat messages and <see cref="ChatOptions"/> into exactly the prompt text <see cref="LocalVlmChatClient"/>
/// builds for them, without a model: the same message validation (and errors), the same tool rendering
/// (<see cref="ChatOptions.Tools"/> by <see cref="ChatOptions.ToolMode"/>), the same template, system prompt and image
/// placeholders. The client itself renders with this class. Use it to write training data in the runtime's prompt
/// format, or to inspect a prompt. Reads its inputs only. Thread-safe.
/// </summary>
public sealed class ChatPromptRenderer
{
    private static readonly JsonSerializerOptions JsonOptions = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // OpenAI's "developer" role: instructions from the application, rendered like system messages.
    private const string DeveloperRole = "developer";

    private readonly LocalVlmChatClientOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ChatPromptRenderer"/> class.</summary>
    /// <param name="template">The chat template (e.g. <see cref="LlavaV1ChatTemplate.Instance"/>).</param>
    /// <param name="options">
    /// The client options whose rendering settings apply (copied): <see cref="LocalVlmChatClientOptions.DefaultSystemPrompt"/>,
    /// <see cref="LocalVlmChatClientOptions.AllowFileUris"/>, <see cref="LocalVlmChatClientOptions.AllowUnknownToolsInHistory"/>;
    /// null for the defaults. <see cref="LocalVlmChatClientOptions.ChatTemplate"/> is not consulted: pass the template.
    /// </param>
    /// <param name="imagePlaceholder">The image placeholder text (the package's <c>special_tokens.image_text</c>). Default <c>&lt;image&gt;</c>.</param>
    /// <exception cref="ArgumentException">An option is invalid, or <paramref name="imagePlaceholder"/> is empty.</exception>
    public ChatPromptRenderer(IChatTemplate template, LocalVlmChatClientOptions? options = null, string imagePlaceholder = "<image>")
        : this(Snapshot(options), template, imagePlaceholder)
    {
    }

    private ChatPromptRenderer(LocalVlmChatClientOptions snapshot, IChatTemplate template, string imagePlaceholder)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentException.ThrowIfNullOrEmpty(imagePlaceholder);
        Template = template;
        _options = snapshot;
        ImagePlaceholder = imagePlaceholder;
    }

    /// <summary>Gets the chat template.</summary>
    public IChatTemplate Template { get; }

    /// <summary>Gets the image placeholder text written where each image goes.</summary>
    public string ImagePlaceholder { get; }

    /// <summary>Gets the system prompt used when a conversation has no system message (null: the template's own).</summary>
    public string? DefaultSystemPrompt => _options.DefaultSystemPrompt;

    /// <summary>Creates a renderer over options that are already a validated snapshot (the client's own path: not copied again).</summary>
    internal static ChatPromptRenderer FromSnapshot(IChatTemplate template, LocalVlmChatClientOptions snapshot, string imagePlaceholder) =>
        new(snapshot, template, imagePlaceholder);

    /// <summary>
    /// Creates a renderer for a model package: the template its manifest names (<c>chat_template</c>, looked up in
    /// <see cref="LocalVlmChatClientOptions.ChatTemplates"/>, or <see cref="LocalVlmChatClientOptions.ChatTemplate"/>
    /// when set, as the client does) and its image placeholder (<c>special_tokens.image_text</c>). Loads no weights.
    /// </summary>
    /// <param name="packageFolder">The package folder.</param>
    /// <param name="options">The client options; null for the defaults.</param>
    /// <returns>The renderer.</returns>
    /// <exception cref="ModelPackageException">The folder is not a valid package.</exception>
    /// <exception cref="ArgumentException">The package names an unknown chat template, or an option is invalid.</exception>
    public static ChatPromptRenderer ForPackage(string packageFolder, LocalVlmChatClientOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(packageFolder);
        var snapshot = Snapshot(options);
        var manifest = ModelPackage.Load(packageFolder).Manifest;
        var template = snapshot.ChatTemplate ?? snapshot.ChatTemplates.Get(manifest.ChatTemplate);
        return new ChatPromptRenderer(snapshot, template, manifest.SpecialTokens.ImageText);
    }

    /// <summary>
    /// Creates a renderer for a template by name (the built-ins <c>llava-v1</c>, <c>chatml</c> and <c>qwen2.5-vl</c>, plus any registered in
    /// <paramref name="options"/>' <see cref="LocalVlmChatClientOptions.ChatTemplates"/>) with the placeholder <c>&lt;image&gt;</c>.
    /// </summary>
    /// <param name="templateName">The template name (case-insensitive).</param>
    /// <param name="options">The client options; null for the defaults.</param>
    /// <param name="imagePlaceholder">The image placeholder text. Default <c>&lt;image&gt;</c>.</param>
    /// <returns>The renderer.</returns>
    /// <exception cref="ArgumentException">No template has that name (the message lists the known ones), or an option is invalid.</exception>
    public static ChatPromptRenderer ForTemplate(string templateName, LocalVlmChatClientOptions? options = null, string imagePlaceholder = "<image>")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templateName);
        var snapshot = Snapshot(options);
        return new ChatPromptRenderer(snapshot, snapshot.ChatTemplates.Get(templateName), imagePlaceholder);
    }

    /// <summary>Renders a conversation as the client would prompt its model with it.</summary>
    /// <param name="messages">The messages, oldest first.</param>
    /// <param name="options">The chat options (instructions, tools, tool mode); null for none. Sampling and model settings do not affect the prompt and are not checked.</param>
    /// <returns>The prompt text and its images in placeholder order.</returns>
    /// <exception cref="ArgumentException">A message or tool is invalid; the message names it.</exception>
    /// <exception cref="NotSupportedException">A content type, media type, URI scheme or tool kind is not supported.</exception>
    /// <exception cref="FileNotFoundException">A <c>file:</c> image does not exist.</exception>
    public RenderedChatPrompt Render(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var result = RenderCore(messages, options);
        return new RenderedChatPrompt(result.Prompt.Text, result.Images);
    }

    /// <summary>Validates and renders a request; what the client's mapper builds its generation request from.</summary>
    internal ChatRenderResult RenderCore(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = ToList(messages);
        return RenderCore(list, options);
    }

    /// <summary>Checks that there is at least one message and copies them.</summary>
    internal static ChatMessage[] ToList(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToArray();
        return list.Length == 0
            ? throw new ArgumentException("The message list is empty; send at least one message.", nameof(messages))
            : list;
    }

    /// <summary>Validates and renders a non-empty message list (see <see cref="ToList"/>).</summary>
    internal ChatRenderResult RenderCore(ChatMessage[] list, ChatOptions? options)
    {
        var (functions, offered) = DescribeTools(options?.Tools);
        var (rendered, choice, requiredName) = ResolveToolMode(options?.ToolMode, offered);

        var images = new List<(RenderedImage Image, ImageInput Input)>();
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
            ImagePlaceholder = ImagePlaceholder,
            DefaultSystemPrompt = _options.DefaultSystemPrompt,
        });

        var ordered = OrderImages(prompt, images);
        return new ChatRenderResult(prompt, ordered.Select(i => i.Image).ToArray(), ordered.Select(i => i.Input).ToArray(), functions, rendered, choice, requiredName);
    }

    private static LocalVlmChatClientOptions Snapshot(LocalVlmChatClientOptions? options)
    {
        var snapshot = options?.Clone() ?? new LocalVlmChatClientOptions();
        snapshot.Validate();
        return snapshot;
    }

    private static (IReadOnlyList<AIFunctionDeclaration> Functions, IReadOnlyList<ChatToolDescription> Tools) DescribeTools(IList<AITool>? tools)
    {
        if (tools is null || tools.Count == 0)
        {
            return ([], []);
        }

        var functions = new List<AIFunctionDeclaration>(tools.Count);
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

            functions.Add(function);
            result.Add(new ChatToolDescription(function.Name, function.Description ?? string.Empty, function.JsonSchema));
        }

        return (functions, result);
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

    private static List<(RenderedImage Image, ImageInput Input)> OrderImages(ChatPrompt prompt, List<(RenderedImage Image, ImageInput Input)> images)
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

        return order.Select(i => images[i]).ToList();
    }

    private ChatTemplateMessage Normalize(ChatMessage message, int index, List<(RenderedImage Image, ImageInput Input)> images, Dictionary<string, string> callNames, IReadOnlyList<ChatToolDescription> offered)
    {
        if (message is null)
        {
            throw new ArgumentException($"messages[{index}] is null.", "messages");
        }

        var role = RoleOf(message, index);
        var text = new StringBuilder();
        var messageImages = new List<int>();
        var imageOffsets = new List<int>();
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
                    imageOffsets.Add(text.Length);
                    break;
                case FunctionCallContent call:
                    calls.Add(ToolCall(call, role, index, callNames, offered));
                    break;
                case FunctionResultContent result:
                    results.Add(ToolResult(result, role, index, callNames, messageImages, images));
                    while (imageOffsets.Count < messageImages.Count)
                    {
                        // Images inside a tool result: where the result is, in the message.
                        imageOffsets.Add(text.Length);
                    }

                    break;
                default:
                    throw new NotSupportedException($"messages[{index}] holds {content?.GetType().Name ?? "null"}, which the local model cannot read; it reads TextContent, image DataContent, file: UriContent, FunctionCallContent and FunctionResultContent.");
            }
        }

        return new ChatTemplateMessage(role, text.ToString(), messageImages, calls, results, imageOffsets);
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

    private ChatTemplateToolResult ToolResult(FunctionResultContent result, ChatTemplateRole role, int index, Dictionary<string, string> callNames, List<int> messageImages, List<(RenderedImage Image, ImageInput Input)> images)
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

    private string ContentJson(IEnumerable<AIContent> contents, int index, List<int> messageImages, List<(RenderedImage Image, ImageInput Input)> images)
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

    private int AddImage(AIContent content, int index, List<(RenderedImage Image, ImageInput Input)> images)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"messages[{index}] image {images.Count + 1}");
        RenderedImage image;
        string name;
        if (content is DataContent data)
        {
            if (!data.HasTopLevelMediaType("image"))
            {
                throw new NotSupportedException($"{label}: DataContent of media type '{data.MediaType}' is not supported; the local model reads images (image/*) only.");
            }

            image = new RenderedImage(data.Data, data.MediaType);
            name = data.Name is { } dataName ? $"{label} ({dataName})" : label;
        }
        else
        {
            var uriContent = (UriContent)content;
            var uri = uriContent.Uri;
            if (!uri.IsAbsoluteUri || !uri.IsFile)
            {
                throw new NotSupportedException($"{label}: UriContent '{uri}' has the scheme '{(uri.IsAbsoluteUri ? uri.Scheme : "(relative)")}'; only file: URIs are read (the local model never fetches from the network). Send the bytes as DataContent.");
            }

            if (!_options.AllowFileUris)
            {
                throw new NotSupportedException($"{label}: UriContent '{uri}' is a file: URI, and LocalVlmChatClientOptions.AllowFileUris is false.");
            }

            if (!uriContent.HasTopLevelMediaType("image"))
            {
                throw new NotSupportedException($"{label}: UriContent of media type '{uriContent.MediaType}' is not supported; the local model reads images (image/*) only.");
            }

            var path = uri.LocalPath;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{label}: the image file '{path}' (from UriContent '{uri}') does not exist.", path);
            }

            image = new RenderedImage(File.ReadAllBytes(path), uriContent.MediaType);
            name = $"{label} ({Path.GetFileName(path)})";
        }

        images.Add((image, ImageInput.FromBytes(image.Data, name)));
        return images.Count - 1;
    }
}
