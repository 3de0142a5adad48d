using System;
using System.Collections.Generic;

namespace LocalModel.Chat;

/// <summary>
/// One message of a conversation in the form chat templates render: its text, the images it holds (placed before
/// the text, one placeholder each), the tool calls of an assistant message and the tool results of a tool message.
/// Immutable.
/// </summary>
public sealed class ChatTemplateMessage
{
    /// <summary>Initializes a new instance of the <see cref="ChatTemplateMessage"/> class.</summary>
    /// <param name="role">The author.</param>
    /// <param name="text">The text (untrusted content: never parsed for special tokens).</param>
    /// <param name="images">The indices (into the request's images, 0-based) of the images this message holds, in order; null for none.</param>
    /// <param name="toolCalls">The tool calls of an assistant message; null for none.</param>
    /// <param name="toolResults">The tool results of a tool message; null for none.</param>
    /// <exception cref="ArgumentException">Tool calls on a message that is not from the assistant, or tool results on one that is not a tool message.</exception>
    public ChatTemplateMessage(ChatTemplateRole role, string text, IReadOnlyList<int>? images = null, IReadOnlyList<ChatTemplateToolCall>? toolCalls = null, IReadOnlyList<ChatTemplateToolResult>? toolResults = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (toolCalls is { Count: > 0 } && role != ChatTemplateRole.Assistant)
        {
            throw new ArgumentException($"Only assistant messages carry tool calls; this message's role is {role}.", nameof(toolCalls));
        }

        if (toolResults is { Count: > 0 } && role != ChatTemplateRole.Tool)
        {
            throw new ArgumentException($"Only tool messages carry tool results; this message's role is {role}.", nameof(toolResults));
        }

        Role = role;
        Text = text;
        Images = images ?? Array.Empty<int>();
        ToolCalls = toolCalls ?? Array.Empty<ChatTemplateToolCall>();
        ToolResults = toolResults ?? Array.Empty<ChatTemplateToolResult>();
    }

    /// <summary>Gets the author.</summary>
    public ChatTemplateRole Role { get; }

    /// <summary>Gets the text; may be empty.</summary>
    public string Text { get; }

    /// <summary>Gets the indices of the images this message holds, in order.</summary>
    public IReadOnlyList<int> Images { get; }

    /// <summary>Gets the tool calls (assistant messages only).</summary>
    public IReadOnlyList<ChatTemplateToolCall> ToolCalls { get; }

    /// <summary>Gets the tool results (tool messages only).</summary>
    public IReadOnlyList<ChatTemplateToolResult> ToolResults { get; }
}
