using System.Text.Json.Serialization;

namespace Plugins.Tools.SemanticKernel;

/// <summary>One tool <c>find_tools</c> returns.</summary>
/// <param name="Name">The tool name, as the model calls it.</param>
/// <param name="Description">What the tool does.</param>
/// <param name="Score">The retriever's relevance score (higher is better; compare only within one answer).</param>
public sealed record FoundTool(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("score")] double Score);
