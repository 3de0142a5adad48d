using System.Collections.Generic;

namespace LocalModel.Chat;

/// <summary>A conversation rendered with a chat template, exactly as <see cref="LocalVlmChatClient"/> would send it to its model.</summary>
/// <param name="Text">The prompt text, with the image placeholder where each image goes; it ends where the assistant's answer begins.</param>
/// <param name="Images">The images, in the order of their placeholders in <paramref name="Text"/>.</param>
public sealed record RenderedChatPrompt(string Text, IReadOnlyList<RenderedImage> Images);
