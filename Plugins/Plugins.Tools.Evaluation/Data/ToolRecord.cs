using System.Text.Json;

namespace Plugins.Tools.Evaluation.Data;

/// <summary>One tool of a data set: <c>{"name", "description", "parameters", "group"?}</c>.</summary>
public sealed record ToolRecord
{
    /// <summary>Gets the tool name (unique in the data set).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description (may be empty).</summary>
    public required string Description { get; init; }

    /// <summary>Gets the parameters' JSON schema (an object; <c>{}</c> when absent from the file).</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>Gets the optional synonym group (tools that do the same thing share it), or null.</summary>
    public string? Group { get; init; }
}
