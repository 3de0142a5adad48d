using System;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>A tool the model may call: its name and the JSON Schema of its arguments object (for example <c>AIFunction.JsonSchema</c>).</summary>
public sealed class ToolSchema
{
    /// <summary>Creates a tool description.</summary>
    /// <param name="name">The tool name the model writes in <c>"name"</c>; non-empty.</param>
    /// <param name="parametersSchema">
    /// The schema of the <c>"arguments"</c> object; <see langword="null"/> (or <c>{}</c>) allows any object.
    /// It must describe a JSON object.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ToolSchema(string name, JsonElement? parametersSchema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        ParametersSchema = parametersSchema?.Clone();
    }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; }

    /// <summary>Gets the schema of the arguments object, or <see langword="null"/> for any object.</summary>
    public JsonElement? ParametersSchema { get; }
}
