using System.Collections.Generic;
using LocalModel.Generation;

namespace LocalModel.Chat;

/// <summary>A chat request mapped for the engine.</summary>
/// <param name="Request">The generation request.</param>
/// <param name="Prompt">The rendered prompt.</param>
/// <param name="Tools">The tools rendered into the prompt (empty when none are offered or the tool mode is None).</param>
/// <param name="AllowMultipleToolCalls">Whether more than one parsed tool call may be returned.</param>
internal sealed record MappedChatRequest(GenerationRequest Request, ChatPrompt Prompt, IReadOnlyList<ChatToolDescription> Tools, bool AllowMultipleToolCalls);
