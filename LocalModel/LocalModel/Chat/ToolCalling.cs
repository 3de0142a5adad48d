using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Tokenization;

namespace LocalModel.Chat;

/// <summary>
/// The chat client's only contact with constrained decoding (<c>LocalModel.Constrained</c>): builds the tool-call and
/// JSON constraints and parses tool calls. Adapt this file, and nothing else, when that API changes.
/// </summary>
internal static class ToolCalling
{
    /// <summary>A constraint that lets the model answer in text or call the tools (<paramref name="choice"/> Auto), or forces a call.</summary>
    public static ITokenConstraint CreateToolCallConstraint(ITextTokenizer tokenizer, IReadOnlyList<ChatToolDescription> tools, ChatToolChoice choice, string? requiredToolName, bool allowMultipleCalls = true) =>
        new ToolCallConstraint(
            tokenizer,
            tools.Select(t => new ToolSchema(t.Name, t.ParametersSchema)).ToArray(),
            choice == ChatToolChoice.Required ? ToolCallMode.Required : ToolCallMode.Auto,
            new ToolCallConstraintOptions { RequiredToolName = requiredToolName, MaxToolCalls = allowMultipleCalls ? new ToolCallConstraintOptions().MaxToolCalls : 1 });

    /// <summary>A constraint that makes the output one JSON value, matching <paramref name="schema"/> when given.</summary>
    public static ITokenConstraint CreateJsonConstraint(ITextTokenizer tokenizer, JsonElement? schema) =>
        schema is { } s ? new JsonSchemaConstraint(tokenizer, s) : JsonSchemaConstraint.ForAnyObject(tokenizer);

    /// <summary>Parses the tool-call blocks of <paramref name="text"/> (which starts at the first <c>&lt;tool_call&gt;</c>).</summary>
    public static bool TryParse(string text, out IReadOnlyList<(string Name, JsonElement Arguments)> calls, out string? error)
    {
        if (!ToolCallParser.TryParse(text, out var parsed, out error))
        {
            calls = [];
            return false;
        }

        calls = parsed.Select(c => (c.Name, c.Arguments)).ToArray();
        return true;
    }
}
