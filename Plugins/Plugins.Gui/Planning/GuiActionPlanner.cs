using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Grounding.Vision;
using Plugins.Gui.Imaging;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Planning;

/// <summary>
/// Chooses the next GUI action for a task: the page's interactive candidates are marked (set-of-mark, at most
/// <see cref="GuiActionPlannerOptions.MaxMarks"/>, in reading order) and listed as <c>[id] role 'name'</c>, the
/// screenshot goes in as a PNG <see cref="DataContent"/>, the previous actions as short lines, and the model must answer
/// with one call among the declared tools (<see cref="Tools"/>, <see cref="ChatToolMode.RequireAny"/>). Prompt:
/// <c>Prompts/Gui/next-action.md</c>. Thread-safe.
/// </summary>
public sealed partial class GuiActionPlanner
{
    /// <summary>The prompt resource file.</summary>
    public const string PromptFile = "next-action.md";

    private static readonly IReadOnlyList<AITool> _tools = BuildTools();

    private readonly IChatClient _client;
    private readonly GuiActionPlannerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a planner over <paramref name="client"/>.</summary>
    /// <param name="client">The vision model.</param>
    /// <param name="options">The options (copied), or null for the defaults.</param>
    /// <param name="logger">The logger, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public GuiActionPlanner(IChatClient client, GuiActionPlannerOptions? options = null, ILogger<GuiActionPlanner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options?.Clone() ?? new GuiActionPlannerOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<GuiActionPlanner>.Instance;
    }

    /// <summary>Gets the declared tools: click, type_text, select_option, press_key, scroll and done (terse JSON schemas).</summary>
    public static IReadOnlyList<AITool> Tools => _tools;

    /// <summary>
    /// The candidates the planner marks for <paramref name="page"/>: interactive DOM candidates except labels of a control
    /// (the control itself is marked, named by its label), in reading order (top
    /// to bottom, then left to right), at most <paramref name="maxMarks"/>, renumbered 1..n as <see cref="GuiCandidate.Id"/>.
    /// </summary>
    /// <param name="page">The observation.</param>
    /// <param name="maxMarks">The cap (the options' <see cref="GuiActionPlannerOptions.MaxMarks"/>).</param>
    public static IReadOnlyList<GuiCandidate> SelectMarks(PageObservation page, int maxMarks = 15)
    {
        ArgumentNullException.ThrowIfNull(page);
        return [.. page.Candidates
            .Where(c => c.IsInteractive && c.Source == CandidateSource.Dom && !string.Equals(c.Tag, "label", StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => Math.Round(c.Box.Y / 8))
            .ThenBy(c => c.Box.X)
            .Take(maxMarks)
            .Select((c, i) => c with { Id = i + 1 })];
    }

    /// <summary>The mark list as the prompt shows it: one <c>[id] role 'name'</c> line per mark.</summary>
    /// <param name="marks">The marks from <see cref="SelectMarks"/>.</param>
    public static string MarkList(IReadOnlyList<GuiCandidate> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var builder = new StringBuilder();
        foreach (var mark in marks)
        {
            builder.Append(CultureInfo.InvariantCulture, $"[{mark.Id}] {mark.Role} '{ShortName(mark)}'").Append('\n');
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>The short name of a candidate as listed and as used in history lines (at most 40 characters).</summary>
    /// <param name="candidate">The candidate.</param>
    public static string ShortName(GuiCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var name = candidate.Name.Length > 40 ? string.Concat(candidate.Name.AsSpan(0, 37), "...") : candidate.Name;
        return name.Replace('\'', '’').ReplaceLineEndings(" ");
    }

    /// <summary>The history line of <paramref name="action"/> taken on <paramref name="marks"/> (the target named).</summary>
    /// <param name="action">The action.</param>
    /// <param name="marks">The marks the action's mark id refers to.</param>
    public static string Describe(GuiAction action, IReadOnlyList<GuiCandidate> marks)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(marks);
        var target = action.Mark is int m && m >= 1 && m <= marks.Count ? ShortName(marks[m - 1]) : null;
        return action.Describe(target);
    }

    /// <summary>The prompt text for a step.</summary>
    /// <param name="task">The task.</param>
    /// <param name="marks">The marks.</param>
    /// <param name="previousActions">The previous actions as short lines (see <see cref="Describe"/>).</param>
    public string BuildPrompt(string task, IReadOnlyList<GuiCandidate> marks, IReadOnlyList<string> previousActions)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(previousActions);
        var history = previousActions.Skip(Math.Max(0, previousActions.Count - _options.MaxHistory)).ToList();
        return GroundingPrompt.Fill(
            GroundingPrompt.Template(PromptFile),
            ("task", task.ReplaceLineEndings(" ").Trim()),
            ("marks", marks.Count == 0 ? "none" : MarkList(marks)),
            ("history", history.Count == 0 ? "nothing" : string.Join('\n', history)));
    }

    /// <summary>Asks the model for the next action.</summary>
    /// <param name="task">The task text, e.g. "Sign in as ann with password x1".</param>
    /// <param name="page">The current observation.</param>
    /// <param name="previousActions">The actions taken so far, as short lines (oldest first).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan: the parsed action (null when unusable, with the reason), the marks and the raw answer. A failed
    /// model call is an unusable answer, not an exception; cancellation still throws.</returns>
    public async Task<GuiActionPlan> PlanAsync(
        string task, PageObservation page, IReadOnlyList<string> previousActions, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(previousActions);
        var marks = SelectMarks(page, _options.MaxMarks);
        var shot = _options.DrawMarks && marks.Count > 0 ? SetOfMarkRenderer.Render(page.Screenshot, marks) : page.Screenshot;
        var image = ScaledImage.FitLongestSide(shot, _options.LongestSide).Image;
        var prompt = BuildPrompt(task, marks, previousActions);
        ChatMessage message = new(ChatRole.User, [new TextContent(prompt), new DataContent(image.Png, "image/png")]);
        var options = _options.ModelOptions?.Clone() ?? new ChatOptions();
        options.Temperature ??= _options.Temperature;
        options.MaxOutputTokens ??= _options.MaxOutputTokens;
        options.Tools = marks.Count > 0 ? [.. BoundedTools(marks.Count)] : [.. _tools];
        options.ToolMode = ChatToolMode.RequireAny;

        ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync([message], options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, e.GetType().Name, e.Message);
            return new GuiActionPlan(null, marks, string.Empty, $"The model call failed: {e.GetType().Name}: {e.Message}");
        }

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        var (action, raw, reason) = call is not null ? FromCall(call.Name, call.Arguments) : FromText(response.Text);
        if (action is not null && action.Mark is int mark && (mark < 1 || mark > marks.Count))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"The model chose mark {mark}, but only marks 1..{marks.Count} exist.");
            action = null;
        }

        LogPlanned(_logger, marks.Count, raw);
        return new GuiActionPlan(action, marks, raw, reason);
    }

    /// <summary>Parses a call (tool name and arguments) into an action.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="arguments">The arguments (strings, numbers or <see cref="JsonElement"/>s).</param>
    /// <returns>The action, or null with the reason.</returns>
    public static (GuiAction? Action, string Raw, string Reason) FromCall(string name, IDictionary<string, object?>? arguments)
    {
        var args = arguments ?? new Dictionary<string, object?>();
        var raw = name + JsonSerializer.Serialize(args.ToDictionary(p => p.Key, p => p.Value?.ToString()));
        int? Mark() => args.TryGetValue("mark", out var v) ? AsInt(v) : null;
        string? Str(string key) => args.TryGetValue(key, out var v) ? AsString(v) : null;
        GuiAction? action = name switch
        {
            "click" when Mark() is int m => GuiAction.Click(m),
            "type_text" when Mark() is int m && Str("text") is string t => GuiAction.TypeText(m, t),
            "select_option" when Mark() is int m && Str("option") is string o => GuiAction.SelectOption(m, o),
            "press_key" when Str("key") is string k && k.Length > 0 => GuiAction.PressKey(k),
            "scroll" when Str("direction") is "up" or "down" => GuiAction.Scroll(Str("direction")!),
            "done" => GuiAction.Done(),
            _ => null,
        };
        return (action, raw, action is null ? $"The call '{raw}' is not a known tool with valid arguments." : string.Empty);
    }

    private static (GuiAction? Action, string Raw, string Reason) FromText(string text)
    {
        var start = text.IndexOf("<tool_call>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("</tool_call>", start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            return (null, text, "The model answered text, not a tool call.");
        }

        var json = text[(start + "<tool_call>".Length)..end];
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var name = root.GetProperty("name").GetString() ?? string.Empty;
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (root.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in a.EnumerateObject())
                {
                    arguments[p.Name] = p.Value.Clone();
                }
            }

            var (action, _, reason) = FromCall(name, arguments);
            return (action, json, reason);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, text, "The tool call is not valid JSON: " + e.Message);
        }
    }

    private static int? AsInt(object? value) => value switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        JsonElement { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    private static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    /// <summary>
    /// The declared tools with a constraint-only schema (<see cref="ConstraintSchemaKey"/>) that bounds <c>mark</c> to
    /// 1..<paramref name="markCount"/>: a local model under constrained decoding can then only choose a mark that exists,
    /// while its prompt shows the same schemas as in training. Clients that do not know the key ignore it.
    /// </summary>
    /// <param name="markCount">The number of marks on the page (at least 1).</param>
    public static IReadOnlyList<AITool> BoundedTools(int markCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(markCount, 1);
        return [.. _tools.Select(tool => tool is AIFunctionDeclaration declaration && declaration.JsonSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("mark", out _)
            ? new BoundedDeclaration(declaration, BoundMark(declaration.JsonSchema, markCount))
            : tool)];
    }

    /// <summary>The <see cref="AITool.AdditionalProperties"/> key of a constraint-only argument schema, as the local chat client reads it.</summary>
    public const string ConstraintSchemaKey = "constraint_schema";

    private static JsonElement BoundMark(JsonElement schema, int markCount)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(schema.GetRawText())!.AsObject();
        var mark = root["properties"]!["mark"]!.AsObject();
        mark["minimum"] = 1;
        mark["maximum"] = markCount;
        return JsonSerializer.SerializeToElement(root, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(System.Text.Json.Nodes.JsonObject)));
    }

    /// <summary>A declaration that keeps its schema for the prompt and carries a narrower one for constrained decoding.</summary>
    private sealed class BoundedDeclaration(AIFunctionDeclaration inner, JsonElement constraint) : AIFunctionDeclaration
    {
        private readonly IReadOnlyDictionary<string, object?> _properties = new Dictionary<string, object?> { [ConstraintSchemaKey] = constraint };

        public override string Name => inner.Name;

        public override string Description => inner.Description;

        public override JsonElement JsonSchema => inner.JsonSchema;

        public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;
    }

    private static List<AITool> BuildTools()
    {
        static AIFunctionDeclaration Declare(string name, string description, string schema)
        {
            using var document = JsonDocument.Parse(schema);
            return AIFunctionFactory.CreateDeclaration(name, description, document.RootElement.Clone());
        }

        return
        [
            Declare("click", "Click a mark", """{"type":"object","properties":{"mark":{"type":"integer"}},"required":["mark"]}"""),
            Declare("type_text", "Type into a mark", """{"type":"object","properties":{"mark":{"type":"integer"},"text":{"type":"string"}},"required":["mark","text"]}"""),
            Declare("select_option", "Choose an option of a mark", """{"type":"object","properties":{"mark":{"type":"integer"},"option":{"type":"string"}},"required":["mark","option"]}"""),
            Declare("press_key", "Press a key", """{"type":"object","properties":{"key":{"type":"string","enum":["Enter","Tab","Escape"]}},"required":["key"]}"""),
            Declare("scroll", "Scroll the page", """{"type":"object","properties":{"direction":{"type":"string","enum":["up","down"]}},"required":["direction"]}"""),
            Declare("done", "The task is complete", """{"type":"object","properties":{}}"""),
        ];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "next action with {Marks} marks: model answered '{Answer}'")]
    private static partial void LogPlanned(ILogger logger, int marks, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "next-action model call failed: {Type}: {Message}")]
    private static partial void LogFailed(ILogger logger, string type, string message);
}
