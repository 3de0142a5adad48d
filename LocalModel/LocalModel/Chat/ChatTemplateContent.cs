using System.Collections.Generic;
using System.Linq;

namespace LocalModel.Chat;

/// <summary>The parts of a turn both built-in templates render the same way.</summary>
internal static class ChatTemplateContent
{
    /// <summary>
    /// The system text: the system messages joined by newlines (untrusted), else the request's default, else the
    /// template's own; then the tool section.
    /// </summary>
    public static void AppendSystem(ChatPromptBuilder builder, ChatTemplateRequest request, string templateDefault)
    {
        var system = request.Messages.Where(m => m.Role == ChatTemplateRole.System).Select(m => m.Text).ToArray();
        if (system.Length > 0)
        {
            builder.AppendLiteral(string.Join("\n", system));
        }
        else
        {
            builder.AppendControl(request.DefaultSystemPrompt ?? templateDefault);
        }

        ToolPromptFormat.AppendToolInstructions(builder, request.Tools, request.ToolChoice, request.RequiredToolName);
    }

    /// <summary>A user or tool message: one placeholder and newline per image, the tool results (one per line), then the text.</summary>
    public static void AppendUserOrTool(ChatPromptBuilder builder, ChatTemplateMessage message)
    {
        foreach (var image in message.Images)
        {
            builder.AppendImage(image).AppendControl("\n");
        }

        for (var i = 0; i < message.ToolResults.Count; i++)
        {
            if (i > 0)
            {
                builder.AppendControl("\n");
            }

            ToolPromptFormat.AppendToolResult(builder, message.ToolResults[i]);
        }

        if (message.ToolResults.Count > 0 && message.Text.Length > 0)
        {
            builder.AppendControl("\n");
        }

        builder.AppendLiteral(message.Text);
    }

    /// <summary>An assistant message: its text, then its tool calls, one per line.</summary>
    public static void AppendAssistant(ChatPromptBuilder builder, ChatTemplateMessage message)
    {
        builder.AppendLiteral(message.Text);
        for (var i = 0; i < message.ToolCalls.Count; i++)
        {
            if (i > 0 || message.Text.Length > 0)
            {
                builder.AppendControl("\n");
            }

            ToolPromptFormat.AppendToolCall(builder, message.ToolCalls[i]);
        }
    }

    /// <summary>The non-system messages, in order.</summary>
    public static IReadOnlyList<ChatTemplateMessage> Turns(ChatTemplateRequest request) =>
        request.Messages.Where(m => m.Role != ChatTemplateRole.System).ToArray();
}
