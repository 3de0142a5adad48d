using System;
using System.Linq;

namespace LocalModel.Chat;

/// <summary>
/// Single-turn prompt text for command-line use, through the registered <see cref="IChatTemplate"/>s. Unlike the chat
/// client, the text returned is meant to be tokenized with special tokens recognised, so placeholders the user typed
/// in <c>userText</c> count as image positions.
/// </summary>
public static class PromptTemplates
{
    /// <summary>The system line LLaVA-1.5 (conv_vicuna_v1) was trained with.</summary>
    public const string LlavaSystem = LlavaV1ChatTemplate.DefaultSystemPrompt;

    /// <summary>
    /// Formats one user turn. Images whose placeholder the text does not contain are placed before the text, one
    /// placeholder per image, each followed by a newline (<c>llava-v1</c>, <c>chatml</c>; <c>qwen2.5-vl</c> adds nothing
    /// after its placeholder).
    /// </summary>
    /// <exception cref="ArgumentException">The template is unknown, or the text has more placeholders than images.</exception>
    public static string FormatUserTurn(string template, string userText, int imageCount, string imagePlaceholder = "<image>", string? system = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(userText);
        ArgumentException.ThrowIfNullOrEmpty(imagePlaceholder);
        var present = CountOccurrences(userText, imagePlaceholder);
        if (present > imageCount)
        {
            throw new ArgumentException($"The prompt has {present} '{imagePlaceholder}' placeholders but {imageCount} image(s) were given.", nameof(userText));
        }

        var request = new ChatTemplateRequest
        {
            Messages = new[] { new ChatTemplateMessage(ChatTemplateRole.User, userText, Enumerable.Range(0, imageCount - present).ToArray()) },
            ImagePlaceholder = imagePlaceholder,
            DefaultSystemPrompt = system,
        };
        return ChatTemplates.Get(template).Render(request).Text;
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
