using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>One tool call read from model output by <see cref="ToolCallParser"/>. Immutable.</summary>
public sealed class ParsedToolCall
{
    /// <summary>Creates a parsed call.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="arguments">The arguments object (cloned, so it outlives its document).</param>
    public ParsedToolCall(string name, JsonElement arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Tool-call arguments must be a JSON object, not {arguments.ValueKind}.", nameof(arguments));
        }

        Name = name;
        Arguments = arguments.Clone();
    }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; }

    /// <summary>Gets the arguments object.</summary>
    public JsonElement Arguments { get; }

    /// <summary>
    /// Returns the arguments as a new dictionary of name to <see cref="JsonElement"/> value (the shape
    /// <c>FunctionCallContent.Arguments</c> takes).
    /// </summary>
    /// <returns>A new dictionary; the caller owns it.</returns>
    public IDictionary<string, object?> ToArgumentDictionary()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in Arguments.EnumerateObject())
        {
            result[property.Name] = property.Value;
        }

        return result;
    }
}
