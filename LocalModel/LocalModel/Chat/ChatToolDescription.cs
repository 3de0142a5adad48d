using System.Text.Json;

namespace LocalModel.Chat;

/// <summary>A tool offered to the model: rendered into the system prompt by <see cref="ToolPromptFormat"/>.</summary>
/// <param name="Name">The tool name the model calls it by.</param>
/// <param name="Description">What the tool does (may be empty).</param>
/// <param name="ParametersSchema">The JSON schema of the tool's arguments object.</param>
public sealed record ChatToolDescription(string Name, string Description, JsonElement ParametersSchema);
