using System;
using System.Text;

namespace LocalModel.Chat;

/// <summary>
/// Single-turn prompt formatting for the chat templates packages name: <c>llava-v1</c>
/// (<c>SYSTEM USER: &lt;image&gt;\n... ASSISTANT:</c>, as LLaVA-1.5 was trained) and <c>chatml</c>.
/// </summary>
public static class PromptTemplates
{
    /// <summary>The system line LLaVA-1.5 (conv_vicuna_v1) was trained with.</summary>
    public const string LlavaSystem = "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.";

    /// <summary>
    /// Formats one user turn. Images whose placeholder the text does not contain are placed before the text, one
    /// placeholder per image, each followed by a newline.
    /// </summary>
    /// <exception cref="ArgumentException">The template is unknown, or the text has more placeholders than images.</exception>
    public static string FormatUserTurn(string template, string userText, int imageCount, string imagePlaceholder = "<image>", string? system = null)
    {
        ArgumentNullException.ThrowIfNull(userText);
        var present = CountOccurrences(userText, imagePlaceholder);
        if (present > imageCount)
        {
            throw new ArgumentException($"The prompt has {present} '{imagePlaceholder}' placeholders but {imageCount} image(s) were given.", nameof(userText));
        }

        var content = new StringBuilder();
        for (var i = present; i < imageCount; i++)
        {
            content.Append(imagePlaceholder).Append('\n');
        }

        content.Append(userText);
        return template switch
        {
            "llava-v1" => $"{system ?? LlavaSystem} USER: {content} ASSISTANT:",
            "chatml" => $"<|im_start|>system\n{system ?? "You are a helpful assistant."}<|im_end|>\n<|im_start|>user\n{content}<|im_end|>\n<|im_start|>assistant\n",
            _ => throw new ArgumentException($"Chat template '{template}' is unknown (llava-v1, chatml).", nameof(template)),
        };
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
