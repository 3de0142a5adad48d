namespace LocalModel.Chat;

/// <summary>
/// Turns a conversation into the prompt text a model was trained on (the role markers and separators of its chat
/// format), ending where the assistant's next answer begins. Implementations are stateless and thread-safe.
/// Register one in <see cref="LocalVlmChatClientOptions.ChatTemplates"/> or pass it in <see cref="LocalVlmChatClientOptions.ChatTemplate"/>.
/// </summary>
public interface IChatTemplate
{
    /// <summary>Gets the name packages use for this template (their manifest's <c>chat_template</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Renders the conversation. Markup goes in with <see cref="ChatPromptBuilder.AppendControl"/>, message text and
    /// tool data with <see cref="ChatPromptBuilder.AppendLiteral"/>, and each image of each message, in order, with
    /// <see cref="ChatPromptBuilder.AppendImage"/>.
    /// </summary>
    /// <param name="request">The conversation.</param>
    /// <returns>The prompt.</returns>
    ChatPrompt Render(ChatTemplateRequest request);

    /// <summary>
    /// Gets whether the template shows tool calls with a newline inside the tags
    /// (<c>&lt;tool_call&gt;\n{...}\n&lt;/tool_call&gt;</c>, Qwen2.5): the tool-call constraint then allows exactly those
    /// newlines. Default false (the call directly inside the tags).
    /// </summary>
    bool ToolCallNewlines => false;
}
