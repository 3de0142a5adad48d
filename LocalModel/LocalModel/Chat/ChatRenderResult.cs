using System.Collections.Generic;
using LocalModel.Generation;
using Microsoft.Extensions.AI;

namespace LocalModel.Chat;

/// <summary>What <see cref="ChatPromptRenderer"/> works out for a request: the prompt, its images in prompt order and the tools.</summary>
/// <param name="Prompt">The rendered prompt.</param>
/// <param name="Images">The images in the order of their placeholders.</param>
/// <param name="Inputs">The same images as engine inputs (named for error messages), in the same order.</param>
/// <param name="Functions">Every function offered in <c>ChatOptions.Tools</c>, in order.</param>
/// <param name="Rendered">The tools rendered into the prompt (by the tool mode).</param>
/// <param name="Choice">Whether the model may or must call a tool.</param>
/// <param name="RequiredName">The one tool the model must call, or null.</param>
internal sealed record ChatRenderResult(
    ChatPrompt Prompt,
    IReadOnlyList<RenderedImage> Images,
    IReadOnlyList<ImageInput> Inputs,
    IReadOnlyList<AIFunctionDeclaration> Functions,
    IReadOnlyList<ChatToolDescription> Rendered,
    ChatToolChoice Choice,
    string? RequiredName);
