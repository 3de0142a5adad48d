using System;
using System.Collections.Generic;

namespace LocalModel.Chat;

/// <summary>
/// One message of a conversation in the form chat templates render: its text, the images it holds (with where each
/// occurred in the text, for templates that place images inline; others place them before the text, one placeholder
/// each), the tool calls of an assistant message and the tool results of a tool message. Immutable.
/// </summary>
public sealed class ChatTemplateMessage
{
    /// <summary>Initializes a new instance of the <see cref="ChatTemplateMessage"/> class.</summary>
    /// <param name="role">The author.</param>
    /// <param name="text">The text (untrusted content: never parsed for special tokens).</param>
    /// <param name="images">The indices (into the request's images, 0-based) of the images this message holds, in order; null for none.</param>
    /// <param name="toolCalls">The tool calls of an assistant message; null for none.</param>
    /// <param name="toolResults">The tool results of a tool message; null for none.</param>
    /// <param name="imageOffsets">
    /// For each image in <paramref name="images"/>, the character offset in <paramref name="text"/> where it occurred
    /// (0 = before all text, <c>text.Length</c> = after it), in non-decreasing order; null places every image at 0.
    /// </param>
    /// <exception cref="ArgumentException">
    /// Tool calls on a message that is not from the assistant, tool results on one that is not a tool message, or image
    /// offsets that do not match the images (count, order, range).
    /// </exception>
    public ChatTemplateMessage(ChatTemplateRole role, string text, IReadOnlyList<int>? images = null, IReadOnlyList<ChatTemplateToolCall>? toolCalls = null, IReadOnlyList<ChatTemplateToolResult>? toolResults = null, IReadOnlyList<int>? imageOffsets = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        images ??= Array.Empty<int>();
        if (imageOffsets is not null)
        {
            if (imageOffsets.Count != images.Count)
            {
                throw new ArgumentException($"The message has {images.Count} image(s) but {imageOffsets.Count} image offset(s); give one offset per image.", nameof(imageOffsets));
            }

            for (var i = 0; i < imageOffsets.Count; i++)
            {
                if (imageOffsets[i] < 0 || imageOffsets[i] > text.Length || (i > 0 && imageOffsets[i] < imageOffsets[i - 1]))
                {
                    throw new ArgumentException($"Image offset {i} is {imageOffsets[i]}; offsets must be non-decreasing and within 0..{text.Length} (the text length).", nameof(imageOffsets));
                }
            }
        }

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
        Images = images;
        ImageOffsets = imageOffsets ?? new int[images.Count];
        ToolCalls = toolCalls ?? Array.Empty<ChatTemplateToolCall>();
        ToolResults = toolResults ?? Array.Empty<ChatTemplateToolResult>();
    }

    /// <summary>Gets the author.</summary>
    public ChatTemplateRole Role { get; }

    /// <summary>Gets the text; may be empty.</summary>
    public string Text { get; }

    /// <summary>Gets the indices of the images this message holds, in order.</summary>
    public IReadOnlyList<int> Images { get; }

    /// <summary>Gets, for each of <see cref="Images"/>, the offset in <see cref="Text"/> where it occurred (0 when not known).</summary>
    public IReadOnlyList<int> ImageOffsets { get; }

    /// <summary>Gets the tool calls (assistant messages only).</summary>
    public IReadOnlyList<ChatTemplateToolCall> ToolCalls { get; }

    /// <summary>Gets the tool results (tool messages only).</summary>
    public IReadOnlyList<ChatTemplateToolResult> ToolResults { get; }
}
