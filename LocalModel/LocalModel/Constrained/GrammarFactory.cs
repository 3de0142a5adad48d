using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LocalModel.Constrained;

/// <summary>Builds the grammars behind <see cref="JsonSchemaConstraint"/> and <see cref="ToolCallConstraint"/>.</summary>
internal static class GrammarFactory
{
    /// <summary>Builds the grammar of one JSON value following <paramref name="schema"/>, after bounded leading whitespace.</summary>
    public static Grammar Json(JsonElement schema, JsonGrammarOptions? options)
    {
        options = (options ?? new JsonGrammarOptions()).Clone();
        options.Validate();
        var grammar = new Grammar(options);
        var value = new JsonSchemaCompiler(grammar).Compile(schema, "#");
        var root = grammar.Add(new GrammarNode { Kind = GrammarNodeKind.JsonRoot, Child = value, MaxLeadingWhitespace = options.MaxLeadingWhitespace });
        return grammar.Seal(root);
    }

    /// <summary>Builds the grammar of text or tool calls (see <see cref="ToolCallConstraint"/>).</summary>
    public static Grammar ToolCalls(IEnumerable<ToolSchema> tools, ToolCallMode mode, ToolCallConstraintOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        options ??= new ToolCallConstraintOptions();
        options.Validate();
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown tool-call mode.");
        }

        var offered = tools.ToList();
        if (offered.Count == 0)
        {
            throw new ArgumentException("At least one tool must be offered.", nameof(tools));
        }

        var duplicate = offered.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The tool name '{duplicate.Key}' is offered more than once.", nameof(tools));
        }

        if (options.RequiredToolName is { } required)
        {
            offered = offered.Where(t => t.Name == required).ToList();
            if (offered.Count == 0)
            {
                throw new ArgumentException($"The required tool '{required}' is not among the offered tools.", nameof(options));
            }
        }

        var json = options.Json.Clone();
        var grammar = new Grammar(json);
        var compiler = new JsonSchemaCompiler(grammar);
        var branches = new int[offered.Count];
        for (var i = 0; i < offered.Count; i++)
        {
            var arguments = offered[i].ParametersSchema is { } schema ? CompileParameters(compiler, schema, offered[i].Name, json) : grammar.FreeObject;
            var kind = grammar.Get(arguments).Kind;
            if (kind == GrammarNodeKind.AnyValue)
            {
                arguments = grammar.FreeObject;
            }
            else if (kind is not (GrammarNodeKind.Object or GrammarNodeKind.FreeObject))
            {
                throw new ArgumentException($"The parameters schema of tool '{offered[i].Name}' must describe a JSON object (\"type\": \"object\").", nameof(tools));
            }

            branches[i] = grammar.Add(new GrammarNode
            {
                Kind = GrammarNodeKind.Sequence,
                Items =
                [
                    new SequenceItem(SequenceItemKind.Literal, ","u8.ToArray()),
                    new SequenceItem(SequenceItemKind.OptionalSpace),
                    new SequenceItem(SequenceItemKind.Literal, "\"arguments\":"u8.ToArray()),
                    new SequenceItem(SequenceItemKind.OptionalSpace),
                    new SequenceItem(SequenceItemKind.Child, Child: arguments),
                    .. CallEnd(options.NewlinesInsideTags),
                ],
            });
        }

        var body = grammar.Add(new GrammarNode
        {
            Kind = GrammarNodeKind.Sequence,
            Items =
            [
                .. CallStart(options.NewlinesInsideTags),
                new SequenceItem(SequenceItemKind.OptionalSpace),
                new SequenceItem(SequenceItemKind.Switch, Switch: LiteralTrie.Build(JsonText.EncodeStrings(offered.Select(t => t.Name))), Branches: branches),
            ],
        });
        var root = grammar.Add(new GrammarNode
        {
            Kind = GrammarNodeKind.ToolCallRoot,
            Tag = Encoding.UTF8.GetBytes(ToolCallFormat.OpenTag),
            Child = body,
            AllowText = mode == ToolCallMode.Auto && !options.JsonAnswer,
            Answer = mode == ToolCallMode.Auto && options.JsonAnswer ? CompileAnswer(grammar, compiler, options.JsonAnswerSchema) : -1,
            MaxCalls = options.MaxToolCalls,
            MaxLeadingWhitespace = json.MaxLeadingWhitespace,
        });
        return grammar.Seal(root);
    }

    // A tool's parameters never fail the request: a malformed schema relaxes to any object (reported).
    private static int CompileParameters(JsonSchemaCompiler compiler, JsonElement schema, string tool, JsonGrammarOptions json)
    {
        var path = $"#/tools/{tool}/parameters";
        try
        {
            return compiler.Compile(schema, path);
        }
        catch (ArgumentException e)
        {
            json.SchemaRelaxed?.Invoke(new SchemaRelaxation("parameters", path, $"malformed schema ({e.Message}); any arguments object is allowed"));
            return compiler.FreeObject;
        }
    }

    private static int CompileAnswer(Grammar grammar, JsonSchemaCompiler compiler, JsonElement? schema) =>
        schema is { } s ? compiler.Compile(s, "#/answer") : grammar.FreeObject;

    /// <summary>The bytes that open a call's JSON: <c>{"name":</c>, after one optional newline in Qwen2.5's form.</summary>
    private static SequenceItem[] CallStart(bool newline) => newline
        ? [new SequenceItem(SequenceItemKind.OptionalNewline), new SequenceItem(SequenceItemKind.Literal, "{\"name\":"u8.ToArray())]
        : [new SequenceItem(SequenceItemKind.Literal, "{\"name\":"u8.ToArray())];

    /// <summary>The bytes that close a call: <c>}</c> and the closing tag, with one optional newline between in Qwen2.5's form.</summary>
    private static SequenceItem[] CallEnd(bool newline) => newline
        ? [new SequenceItem(SequenceItemKind.Literal, "}"u8.ToArray()), new SequenceItem(SequenceItemKind.OptionalNewline), new SequenceItem(SequenceItemKind.Literal, Encoding.UTF8.GetBytes(ToolCallFormat.CloseTag))]
        : [new SequenceItem(SequenceItemKind.Literal, Encoding.UTF8.GetBytes("}" + ToolCallFormat.CloseTag))];
}
