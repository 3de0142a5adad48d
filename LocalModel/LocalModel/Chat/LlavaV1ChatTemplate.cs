using System;

namespace LocalModel.Chat;

/// <summary>
/// LLaVA-1.5's <c>conv_vicuna_v1</c> format (<c>llava-v1</c>): <c>SYSTEM USER: ... ASSISTANT: ...&lt;/s&gt;USER: ... ASSISTANT:</c>.
/// The system line, then for each user turn <c>USER: </c>, its images as <c>&lt;image&gt;\n</c> each, its text and a space;
/// for each assistant turn <c>ASSISTANT: </c>, its text and <c>&lt;/s&gt;</c>; the prompt ends with <c>ASSISTANT:</c>.
/// Consecutive user and tool messages share one <c>USER:</c> turn (joined by newlines; tool results as
/// <c>&lt;tool_response&gt;</c> blocks); consecutive assistant messages share one turn. When the last message is the
/// assistant's, its turn is left open so the model continues it.
/// </summary>
public sealed class LlavaV1ChatTemplate : IChatTemplate
{
    /// <summary>The template's name.</summary>
    public const string TemplateName = "llava-v1";

    /// <summary>The system line LLaVA-1.5 was trained with (the default system prompt).</summary>
    public const string DefaultSystemPrompt = "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.";

    /// <summary>Gets the shared instance.</summary>
    public static LlavaV1ChatTemplate Instance { get; } = new();

    /// <inheritdoc />
    public string Name => TemplateName;

    /// <inheritdoc />
    public ChatPrompt Render(ChatTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new ChatPromptBuilder(request.ImagePlaceholder);
        ChatTemplateContent.AppendSystem(b, request, DefaultSystemPrompt);
        b.AppendControl(" ");
        var turns = ChatTemplateContent.Turns(request);
        var assistantOpen = false;
        for (var i = 0; i < turns.Count; i++)
        {
            var message = turns[i];
            var sameTurnAsPrevious = i > 0 && IsUserSide(turns[i - 1].Role) == IsUserSide(message.Role);
            if (IsUserSide(message.Role))
            {
                b.AppendControl(sameTurnAsPrevious ? "\n" : "USER: ");
                ChatTemplateContent.AppendUserOrTool(b, message);
                if (i + 1 == turns.Count || !IsUserSide(turns[i + 1].Role))
                {
                    b.AppendControl(" ");
                }
            }
            else
            {
                b.AppendControl(sameTurnAsPrevious ? "\n" : "ASSISTANT: ");
                ChatTemplateContent.AppendAssistant(b, message);
                assistantOpen = i + 1 == turns.Count;
                if (!assistantOpen && IsUserSide(turns[i + 1].Role))
                {
                    b.AppendControl("</s>");
                }
            }
        }

        if (!assistantOpen)
        {
            b.AppendControl("ASSISTANT:");
        }

        return b.Build();
    }

    private static bool IsUserSide(ChatTemplateRole role) => role is ChatTemplateRole.User or ChatTemplateRole.Tool;
}
