using System.Collections.Generic;
using System.Text.Json;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval;

/// <summary>The parts of a tool's text retrievers read: its parameter names and descriptions from the JSON schema.</summary>
internal static class ToolParameters
{
    /// <summary>The top-level parameters of <paramref name="tool"/>'s schema: (name, description or empty), in schema order.</summary>
    public static IReadOnlyList<(string Name, string Description)> Read(ToolDescriptor tool)
    {
        var parameters = new List<(string, string)>();
        var schema = tool.ParametersSchema;
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var description = property.Value.ValueKind == JsonValueKind.Object
                    && property.Value.TryGetProperty("description", out var d)
                    && d.ValueKind == JsonValueKind.String
                    ? d.GetString() ?? string.Empty
                    : string.Empty;
                parameters.Add((property.Name, description));
            }
        }

        return parameters;
    }
}
