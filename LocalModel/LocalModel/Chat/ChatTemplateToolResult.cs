namespace LocalModel.Chat;

/// <summary>The result of a tool call, sent back to the model.</summary>
/// <param name="CallId">The id of the call this answers.</param>
/// <param name="Name">The name of the tool that was called.</param>
/// <param name="ContentJson">The result as one compact JSON value (a string result is a JSON string).</param>
public sealed record ChatTemplateToolResult(string CallId, string Name, string ContentJson);
