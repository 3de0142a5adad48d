namespace LocalModel.Chat;

/// <summary>A tool call the assistant made earlier in the conversation.</summary>
/// <param name="CallId">The call id (links the call to its <see cref="ChatTemplateToolResult"/>).</param>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments as a compact JSON object.</param>
public sealed record ChatTemplateToolCall(string CallId, string Name, string ArgumentsJson);
