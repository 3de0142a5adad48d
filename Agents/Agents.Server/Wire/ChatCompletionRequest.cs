using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Agents.Server.Wire;

/// <summary>A parsed <c>POST /v1/chat/completions</c> body, in Microsoft.Extensions.AI terms.</summary>
/// <param name="Model">The <c>model</c> field; null when absent.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">The chat options (sampling, tools, response format, and the extension fields in <see cref="ChatOptions.AdditionalProperties"/>).</param>
/// <param name="Stream">Whether the answer streams as server-sent events.</param>
public sealed record ChatCompletionRequest(string? Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, bool Stream);
