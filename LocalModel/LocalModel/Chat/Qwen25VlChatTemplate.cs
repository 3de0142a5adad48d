using System;
using System.Text;
using System.Text.Json;

namespace LocalModel.Chat;

/// <summary>
/// Qwen2.5-VL (<c>qwen2.5-vl</c>): what the jinja <c>chat_template</c> of <c>Qwen/Qwen2.5-VL-*-Instruct</c> renders, with
/// tools as the Qwen2.5 (text) template renders them, which Qwen2.5-VL function-calling derivatives use.
/// <list type="bullet">
/// <item><description>ChatML blocks <c>&lt;|im_start|&gt;role\n...&lt;|im_end|&gt;\n</c>; the system block is the first
/// message when it is a system message, else "You are a helpful assistant." (or the request's default); later system
/// messages are blocks of their own where they occur.</description></item>
/// <item><description>Each image is its placeholder (the package's <c>image_text</c>,
/// <c>&lt;|vision_start|&gt;&lt;|image_pad|&gt;&lt;|vision_end|&gt;</c>) inline where it occurred in the message, with
/// nothing added around it.</description></item>
/// <item><description>Tools: a <c># Tools</c> section in the system block with one
/// <c>{"type": "function", "function": {...}}</c> line per tool inside <c>&lt;tools&gt;&lt;/tools&gt;</c> and the
/// instruction to call with <c>&lt;tool_call&gt;\n{"name": ..., "arguments": ...}\n&lt;/tool_call&gt;</c>. A required
/// call (which Qwen's template cannot express) adds one sentence at the end of the section.</description></item>
/// <item><description>Assistant tool calls as <c>\n&lt;tool_call&gt;\n{"name": "...", "arguments": {...}}\n&lt;/tool_call&gt;</c>
/// after the text; tool results as <c>\n&lt;tool_response&gt;\n...\n&lt;/tool_response&gt;</c> in a user block that
/// consecutive tool messages share (a string result as its text, others as their JSON; a tool message's images open
/// its first response).</description></item>
/// <item><description>The prompt ends with <c>&lt;|im_start|&gt;assistant\n</c>; when the last message is the
/// assistant's, its block is left open so the model continues it.</description></item>
/// </list>
/// JSON in the prompt is written as transformers' <c>tojson</c> writes it (<c>", "</c> and <c>": "</c> separators).
/// Stateless and thread-safe.
/// </summary>
public sealed class Qwen25VlChatTemplate : IChatTemplate
{
    /// <summary>The template's name.</summary>
    public const string TemplateName = "qwen2.5-vl";

    /// <summary>The default system prompt.</summary>
    public const string DefaultSystemPrompt = "You are a helpful assistant.";

    /// <summary>The image placeholder text of Qwen2.5-VL packages (their <c>special_tokens.image_text</c>).</summary>
    public const string ImageText = "<|vision_start|><|image_pad|><|vision_end|>";

    /// <summary>The token whose id is a Qwen2.5-VL package's <c>special_tokens.image</c>.</summary>
    public const string ImageToken = "<|image_pad|>";

    // The Qwen2.5 template's tool section, before and after the tool lines.
    private const string ToolsHeader = "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
    private const string ToolsFooter = "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    /// <summary>Gets the shared instance.</summary>
    public static Qwen25VlChatTemplate Instance { get; } = new();

    /// <inheritdoc />
    public bool ToolCallNewlines => true;

    /// <inheritdoc />
    public string Name => TemplateName;

    /// <inheritdoc />
    public ChatPrompt Render(ChatTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new ChatPromptBuilder(request.ImagePlaceholder);
        var messages = request.Messages;
        var first = 0;
        b.AppendControl("<|im_start|>system\n");
        if (messages.Count > 0 && messages[0].Role == ChatTemplateRole.System)
        {
            AppendContent(b, messages[0]);
            first = 1;
        }
        else
        {
            b.AppendControl(request.DefaultSystemPrompt ?? DefaultSystemPrompt);
        }

        AppendTools(b, request);
        b.AppendControl("<|im_end|>\n");
        for (var i = first; i < messages.Count; i++)
        {
            var message = messages[i];
            switch (message.Role)
            {
                case ChatTemplateRole.Assistant:
                    // Qwen2.5: '<|im_start|>assistant' + ('\n' + content if content) + each '\n<tool_call>...'.
                    b.AppendControl("<|im_start|>assistant");
                    if (message.Text.Length > 0 || message.ToolCalls.Count == 0)
                    {
                        b.AppendControl("\n").AppendLiteral(message.Text);
                    }

                    foreach (var call in message.ToolCalls)
                    {
                        AppendToolCall(b, call);
                    }

                    if (i + 1 == messages.Count)
                    {
                        return b.Build();
                    }

                    b.AppendControl("<|im_end|>\n");
                    break;
                case ChatTemplateRole.Tool:
                    // Qwen2.5: a run of tool messages is one user block of <tool_response> parts.
                    if (i == first || messages[i - 1].Role != ChatTemplateRole.Tool)
                    {
                        b.AppendControl("<|im_start|>user");
                    }

                    AppendToolResponses(b, message);
                    if (i + 1 == messages.Count || messages[i + 1].Role != ChatTemplateRole.Tool)
                    {
                        b.AppendControl("<|im_end|>\n");
                    }

                    break;
                default:
                    b.AppendControl(message.Role == ChatTemplateRole.System ? "<|im_start|>system\n" : "<|im_start|>user\n");
                    AppendContent(b, message);
                    b.AppendControl("<|im_end|>\n");
                    break;
            }
        }

        b.AppendControl("<|im_start|>assistant\n");
        return b.Build();
    }

    /// <summary>Formats a tool as its line in the <c>&lt;tools&gt;</c> section: <c>{"type": "function", "function": {"name": ..., "description": ..., "parameters": {...}}}</c>.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>The line, in <c>tojson</c> style.</returns>
    public static string FormatToolDescription(ChatToolDescription tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var text = new StringBuilder("{\"type\": \"function\", \"function\": {\"name\": ");
        JinjaToJson.WriteString(text, tool.Name);
        text.Append(", \"description\": ");
        JinjaToJson.WriteString(text, tool.Description);
        text.Append(", \"parameters\": ").Append(JinjaToJson.Format(tool.ParametersSchema)).Append("}}");
        return text.ToString();
    }

    // The VL template's content loop: text parts and image parts in the order they came.
    private static void AppendContent(ChatPromptBuilder b, ChatTemplateMessage message)
    {
        var text = message.Text;
        var position = 0;
        for (var k = 0; k < message.Images.Count; k++)
        {
            var offset = message.ImageOffsets[k];
            b.AppendLiteral(text[position..offset]).AppendImage(message.Images[k]);
            position = offset;
        }

        b.AppendLiteral(text[position..]);
    }

    private static void AppendTools(ChatPromptBuilder b, ChatTemplateRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }

        b.AppendControl(ToolsHeader);
        foreach (var tool in request.Tools)
        {
            b.AppendControl("\n").AppendLiteral(FormatToolDescription(tool));
        }

        b.AppendControl(ToolsFooter);
        if (request.ToolChoice != ChatToolChoice.Required)
        {
            return;
        }

        if (request.RequiredToolName is { } name)
        {
            b.AppendControl("\n\nYou must call \"").AppendLiteral(name).AppendControl("\" now.");
        }
        else
        {
            b.AppendControl("\n\nYou must call a function now.");
        }
    }

    // Qwen2.5: '\n<tool_call>\n{"name": "' + name + '", "arguments": ' + (arguments | tojson) + '}\n</tool_call>'.
    private static void AppendToolCall(ChatPromptBuilder b, ChatTemplateToolCall call)
    {
        b.AppendControl("\n" + ToolPromptFormat.ToolCallStart + "\n")
            .AppendLiteral("{\"name\": \"" + call.Name + "\", \"arguments\": " + JinjaToJson.Format(call.ArgumentsJson) + "}")
            .AppendControl("\n" + ToolPromptFormat.ToolCallEnd);
    }

    // Qwen2.5: '\n<tool_response>\n' + content + '\n</tool_response>' per tool message; here one per result, then the
    // message's own text when it has some. The message's images open the first response.
    private static void AppendToolResponses(ChatPromptBuilder b, ChatTemplateMessage message)
    {
        var imagesPlaced = false;
        foreach (var result in message.ToolResults)
        {
            Open();
            b.AppendLiteral(ResultText(result.ContentJson));
            Close();
        }

        if (message.ToolResults.Count == 0 || message.Text.Length > 0)
        {
            Open();
            b.AppendLiteral(message.Text);
            Close();
        }

        void Open()
        {
            b.AppendControl("\n" + ToolPromptFormat.ToolResponseStart + "\n");
            if (!imagesPlaced)
            {
                foreach (var image in message.Images)
                {
                    b.AppendImage(image);
                }

                imagesPlaced = true;
            }
        }

        void Close() => b.AppendControl("\n" + ToolPromptFormat.ToolResponseEnd);
    }

    // The message content Qwen's template prints as is: a string result is its text, anything else its JSON.
    private static string ResultText(string contentJson)
    {
        using var document = JsonDocument.Parse(contentJson);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString()! : contentJson;
    }
}
