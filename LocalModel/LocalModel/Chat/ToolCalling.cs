using System;
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
    /// <summary>
    /// A constraint that lets the model answer in text or call the tools (<paramref name="choice"/> Auto), or forces a
    /// call. With <paramref name="jsonAnswer"/> (Auto only) the answer that is not a call is JSON, matching
    /// <paramref name="jsonAnswerSchema"/> when given. <paramref name="argumentSchemas"/> overrides a tool's schema
    /// for the constraint (integer bounds from .NET parameter types). Relaxed keywords go to <paramref name="relaxed"/>.
    /// <paramref name="newlinesInsideTags"/> allows the template's newline inside the tags (<see cref="IChatTemplate.ToolCallNewlines"/>).
    /// </summary>
    public static ITokenConstraint CreateToolCallConstraint(
        ITextTokenizer tokenizer,
        IReadOnlyList<ChatToolDescription> tools,
        ChatToolChoice choice,
        string? requiredToolName,
        bool allowMultipleCalls = true,
        IReadOnlyDictionary<string, JsonElement>? argumentSchemas = null,
        bool jsonAnswer = false,
        JsonElement? jsonAnswerSchema = null,
        Action<string, string, string>? relaxed = null,
        bool newlinesInsideTags = false) =>
        new ToolCallConstraint(
            tokenizer,
            tools.Select(t => new ToolSchema(t.Name, argumentSchemas is not null && argumentSchemas.TryGetValue(t.Name, out var s) ? s : t.ParametersSchema)).ToArray(),
            choice == ChatToolChoice.Required ? ToolCallMode.Required : ToolCallMode.Auto,
            new ToolCallConstraintOptions
            {
                RequiredToolName = requiredToolName,
                MaxToolCalls = allowMultipleCalls ? new ToolCallConstraintOptions().MaxToolCalls : 1,
                JsonAnswer = jsonAnswer,
                JsonAnswerSchema = jsonAnswerSchema,
                NewlinesInsideTags = newlinesInsideTags,
                Json = new JsonGrammarOptions { SchemaRelaxed = Report(relaxed) },
            });

    /// <summary>A constraint that makes the output one JSON value, matching <paramref name="schema"/> when given.</summary>
    public static ITokenConstraint CreateJsonConstraint(ITextTokenizer tokenizer, JsonElement? schema, Action<string, string, string>? relaxed = null)
    {
        var options = new JsonGrammarOptions { SchemaRelaxed = Report(relaxed) };
        return schema is { } s ? new JsonSchemaConstraint(tokenizer, s, options) : JsonSchemaConstraint.ForAnyObject(tokenizer, options);
    }

    private static Action<SchemaRelaxation>? Report(Action<string, string, string>? relaxed) =>
        relaxed is null ? null : r => relaxed(r.Keyword, r.Path, r.Reason);

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
