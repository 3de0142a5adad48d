// PENDING: stand-ins for the LocalModel.Constrained API (constrained decoding), written in parallel elsewhere.
// This whole file is DELETED at merge: the real types replace these with the same names and signatures.
// Only Chat/ToolCalling.cs uses them. The constraints here mask nothing (decoding stays free); the parser is real.
using System;
using System.Collections.Generic;
using System.Text.Json;
using LocalModel.Generation;
using LocalModel.Tokenization;

namespace LocalModel.Constrained;

/// <summary>Stand-in: a tool offered to constrained decoding.</summary>
internal sealed record ToolDefinition(string Name, JsonElement ParametersSchema);

/// <summary>Stand-in: a tool call parsed from model output.</summary>
internal sealed record ParsedToolCall(string Name, JsonElement Arguments);

/// <summary>Stand-in: whether a tool call may or must be emitted.</summary>
internal enum ToolCallMode
{
    /// <summary>Text or tool calls.</summary>
    Auto,

    /// <summary>Tool calls only.</summary>
    Required,
}

/// <summary>Stand-in for the tool-call grammar constraint: masks nothing.</summary>
internal sealed class ToolCallConstraint : ITokenConstraint
{
    public ToolCallConstraint(ITextTokenizer tokenizer, IReadOnlyList<ToolDefinition> tools, ToolCallMode mode, string? requiredToolName = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(tools);
        _ = mode;
        _ = requiredToolName;
    }

    public bool IsComplete => false;

    public void Mask(Span<float> logits)
    {
    }

    public void Accept(int tokenId)
    {
    }
}

/// <summary>Stand-in for the JSON (schema) constraint: masks nothing.</summary>
internal sealed class JsonSchemaConstraint : ITokenConstraint
{
    public JsonSchemaConstraint(ITextTokenizer tokenizer, JsonElement? schema)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _ = schema;
    }

    public bool IsComplete => false;

    public void Mask(Span<float> logits)
    {
    }

    public void Accept(int tokenId)
    {
    }
}

/// <summary>Stand-in parser of <c>&lt;tool_call&gt;{"name":...,"arguments":{...}}&lt;/tool_call&gt;</c> blocks.</summary>
internal static class ToolCallParser
{
    private const string Start = "<tool_call>";
    private const string End = "</tool_call>";

    /// <summary>Parses every block in <paramref name="text"/>; text between blocks must be whitespace.</summary>
    public static bool TryParse(string text, out IReadOnlyList<ParsedToolCall> calls, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<ParsedToolCall>();
        calls = found;
        error = null;
        var at = 0;
        while (true)
        {
            var start = text.IndexOf(Start, at, StringComparison.Ordinal);
            var between = (start < 0 ? text.AsSpan(at) : text.AsSpan(at, start - at)).Trim();
            if (!between.IsEmpty)
            {
                error = $"Text outside a tool call: '{between.ToString()}'.";
                return false;
            }

            if (start < 0)
            {
                return true;
            }

            var bodyStart = start + Start.Length;
            var end = text.IndexOf(End, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                error = $"The tool call at offset {start} is not closed with {End}.";
                return false;
            }

            try
            {
                using var doc = JsonDocument.Parse(text.AsMemory(bodyStart, end - bodyStart));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Object)
                {
                    error = $"The tool call at offset {start} is not an object with a string 'name' and an object 'arguments'.";
                    return false;
                }

                found.Add(new ParsedToolCall(name.GetString()!, arguments.Clone()));
            }
            catch (JsonException e)
            {
                error = $"The tool call at offset {start} is not valid JSON: {e.Message}";
                return false;
            }

            at = end + End.Length;
        }
    }
}
