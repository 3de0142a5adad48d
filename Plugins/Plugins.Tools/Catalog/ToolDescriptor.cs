using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Plugins.Tools.Catalog;

/// <summary>
/// One tool a model could call: its name, what it does and its parameters, as retrievers see it. Immutable.
/// </summary>
public sealed record ToolDescriptor
{
    /// <summary>Gets the name the model calls the tool by (unique within a <see cref="ToolCatalog"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the tool's description (may be empty).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets the JSON schema of the tool's parameters (an object schema; <c>{}</c> when the tool takes none).</summary>
    public JsonElement ParametersSchema { get; init; }

    /// <summary>Gets the plugin the tool came from, when it came from a Semantic Kernel plugin.</summary>
    public string? PluginName { get; init; }

    /// <summary>Gets the tool itself (an <see cref="AIFunctionDeclaration"/>), when the descriptor was made from one; the middleware hands it to the model.</summary>
    public AITool? Tool { get; init; }
}
