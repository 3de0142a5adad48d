using System;
using System.Collections.Generic;

namespace LocalModel.Chat;

/// <summary>What an <see cref="IChatTemplate"/> renders: the conversation, the tools offered and the image placeholder.</summary>
public sealed class ChatTemplateRequest
{
    /// <summary>Gets the messages, oldest first. System messages replace the template's default system prompt.</summary>
    public required IReadOnlyList<ChatTemplateMessage> Messages { get; init; }

    /// <summary>Gets the tools offered to the model; empty (default) renders no tool instructions.</summary>
    public IReadOnlyList<ChatToolDescription> Tools { get; init; } = Array.Empty<ChatToolDescription>();

    /// <summary>Gets whether the model may or must call a tool. Default <see cref="ChatToolChoice.Auto"/>.</summary>
    public ChatToolChoice ToolChoice { get; init; } = ChatToolChoice.Auto;

    /// <summary>Gets the one tool the model must call, with <see cref="ChatToolChoice.Required"/>; null lets it pick any.</summary>
    public string? RequiredToolName { get; init; }

    /// <summary>Gets the image placeholder text (the package's <c>special_tokens.image_text</c>). Default <c>&lt;image&gt;</c>.</summary>
    public string ImagePlaceholder { get; init; } = "<image>";

    /// <summary>Gets the system prompt used when the conversation has no system message; null uses the template's own.</summary>
    public string? DefaultSystemPrompt { get; init; }
}
