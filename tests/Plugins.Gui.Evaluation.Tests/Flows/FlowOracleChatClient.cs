using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation.Flows;

namespace Plugins.Gui.Evaluation.Tests.Flows;

/// <summary>
/// A fake planner model: reads the task and the history from the prompt, finds the flow's next scripted step and answers
/// it as a tool call on the mark whose listed name is the step's target name; or, when <c>wrong</c>, always clicks mark 1.
/// </summary>
internal sealed partial class FlowOracleChatClient(IReadOnlyList<GuiFlow> flows, bool wrong) : IChatClient
{
    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var prompt = string.Concat(messages.SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));
        var lines = prompt.Split('\n');
        var task = lines[0]["Task: ".Length..];
        var flow = flows.Single(f => f.Task == task);
        var historyStart = Array.IndexOf(lines, "Done so far:") + 1;
        var historyCount = lines[historyStart] == "nothing" ? 0 : lines.Length - 1 - historyStart;
        var step = flow.Steps[Math.Min(historyCount, flow.Steps.Count - 1)];
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var name = step.Tool;
        if (wrong)
        {
            name = "click";
            arguments["mark"] = 1L;
        }
        else
        {
            if (step.TargetName is not null)
            {
                var mark = lines.Select(l => MarkLine().Match(l)).First(m => m.Success && m.Groups[2].Value == step.TargetName);
                arguments["mark"] = long.Parse(mark.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            var key = step.Tool switch { "type_text" => "text", "select_option" => "option", "press_key" => "key", "scroll" => "direction", _ => null };
            if (key is not null)
            {
                arguments[key] = step.Text;
            }
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c", name, arguments)])));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    [GeneratedRegex(@"^\[(\d+)\] \S+ '(.*)'$")]
    private static partial Regex MarkLine();
}
