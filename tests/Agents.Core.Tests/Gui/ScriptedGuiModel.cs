using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Gui;

/// <summary>
/// A hand-written stand-in for the planning model: it reads the planner's mark list (<c>[id] role 'name'</c>) from the
/// prompt and answers the next scripted step as a tool call on the mark whose name matches, or a scripted raw answer.
/// A step whose element is not on the page yet is answered with <c>done</c> only at the end of the script. Records the
/// options of every call. Not thread-safe.
/// </summary>
internal sealed partial class ScriptedGuiModel(params ScriptedGuiModel.Step[] script) : IChatClient
{
    private int _next;

    public List<ChatOptions?> Options { get; } = [];

    /// <summary>One scripted answer: a tool with the element's name (null for tools without a mark) and its arguments.</summary>
    internal sealed record Step(string Tool, string? Element = null, string? Text = null, string? Option = null, int? Mark = null);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Options.Add(options);
        var prompt = string.Concat(messages.SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));
        var marks = MarkLine().Matches(prompt).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (_next >= script.Length)
        {
            return Answer("done", []);
        }

        var step = script[_next++];
        var arguments = new Dictionary<string, object?>();
        if (step.Mark is { } forced)
        {
            arguments["mark"] = forced;
        }
        else if (step.Element is { } element)
        {
            arguments["mark"] = marks.TryGetValue(element, out var id) ? id : throw new InvalidOperationException($"the script's element '{element}' is not among the marks: {string.Join(", ", marks.Keys)}");
        }

        if (step.Text is not null)
        {
            arguments["text"] = step.Text;
        }

        if (step.Option is not null)
        {
            arguments["option"] = step.Option;
        }

        if (step.Tool == "press_key")
        {
            arguments["key"] = "Enter";
        }

        return Answer(step.Tool, arguments);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static Task<ChatResponse> Answer(string tool, Dictionary<string, object?> arguments) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call", tool, arguments)]))
        {
            Usage = new UsageDetails { AdditionalCounts = new AdditionalPropertiesDictionary<long> { ["visual_tokens_kept"] = 49, ["visual_tokens_total"] = 196 } },
        });

    [GeneratedRegex(@"^\[(?<id>\d+)\] \S+ '(?<name>[^']*)'", RegexOptions.Multiline)]
    private static partial Regex MarkLine();
}
