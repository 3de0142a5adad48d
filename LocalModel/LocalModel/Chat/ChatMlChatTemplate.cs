using System;

namespace LocalModel.Chat;

/// <summary>
/// ChatML (<c>chatml</c>): <c>&lt;|im_start|&gt;role\n...&lt;|im_end|&gt;\n</c> per message, roles <c>system</c>, <c>user</c>,
/// <c>assistant</c> and <c>tool</c>; images as <c>&lt;image&gt;\n</c> each before a message's text; the prompt ends with
/// <c>&lt;|im_start|&gt;assistant\n</c>. When the last message is the assistant's, its block is left open so the model
/// continues it.
/// </summary>
public sealed class ChatMlChatTemplate : IChatTemplate
{
    /// <summary>The template's name.</summary>
    public const string TemplateName = "chatml";

    /// <summary>The default system prompt.</summary>
    public const string DefaultSystemPrompt = "You are a helpful assistant.";

    /// <summary>Gets the shared instance.</summary>
    public static ChatMlChatTemplate Instance { get; } = new();

    /// <inheritdoc />
    public string Name => TemplateName;

    /// <inheritdoc />
    public ChatPrompt Render(ChatTemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new ChatPromptBuilder(request.ImagePlaceholder);
        b.AppendControl("<|im_start|>system\n");
        ChatTemplateContent.AppendSystem(b, request, DefaultSystemPrompt);
        b.AppendControl("<|im_end|>\n");
        var turns = ChatTemplateContent.Turns(request);
        for (var i = 0; i < turns.Count; i++)
        {
            var message = turns[i];
            switch (message.Role)
            {
                case ChatTemplateRole.Assistant:
                    b.AppendControl("<|im_start|>assistant\n");
                    ChatTemplateContent.AppendAssistant(b, message);
                    if (i + 1 == turns.Count)
                    {
                        return b.Build();
                    }

                    break;
                case ChatTemplateRole.Tool:
                    b.AppendControl("<|im_start|>tool\n");
                    ChatTemplateContent.AppendUserOrTool(b, message);
                    break;
                default:
                    b.AppendControl("<|im_start|>user\n");
                    ChatTemplateContent.AppendUserOrTool(b, message);
                    break;
            }

            b.AppendControl("<|im_end|>\n");
        }

        b.AppendControl("<|im_start|>assistant\n");
        return b.Build();
    }
}
