using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation.Flows;
using Plugins.Gui.Planning;

namespace Agents.Training.Actions;

/// <summary>
/// Task <c>gui-action</c>: generates <see cref="TrainingExportContext.Count"/> flows (<see cref="GuiFlowGenerator"/>,
/// the context's split and seed), replays each scripted flow in Chromium and, at each step, records the exact request
/// the real <see cref="GuiActionPlanner"/> sends (captured by running it against a capturing client), with the answer
/// <c>&lt;tool_call&gt;{"name":"click","arguments":{"mark":3}}&lt;/tool_call&gt;</c> for the scripted action. Steps whose
/// target is not among the marks are skipped.
/// </summary>
public sealed class GuiActionExporter : ITrainingTaskExporter
{
    /// <summary>The task name.</summary>
    public const string TaskName = "gui-action";

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks { get; } = [TaskName];

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = Path.Combine(context.ScratchFolder, "gui-action-" + context.Split + "-" + context.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var generated = GuiFlowGenerator.Generate(context.Split, context.Seed, context.Count);
        await GuiFlowSet.WriteAsync(folder, generated, cancellationToken).ConfigureAwait(false);
        var capture = new CapturingChatClient();
        var planner = new GuiActionPlanner(capture);
        await using var runner = await GuiFlowRunner.StartAsync(folder, context.ChromiumPath, cancellationToken).ConfigureAwait(false);
        var done = 0;
        foreach (var flow in generated.Select(g => g.Flow))
        {
            await using var session = await runner.OpenAsync(flow, cancellationToken).ConfigureAwait(false);
            var history = new List<string>();
            for (var i = 0; i < flow.Steps.Count; i++)
            {
                var step = flow.Steps[i];
                var page = await session.ObserveAsync(cancellationToken).ConfigureAwait(false);
                var marks = GuiActionPlanner.SelectMarks(page);
                var expected = step.ToAction(marks);
                if (expected is not null)
                {
                    capture.Answer = expected;
                    await planner.PlanAsync(flow.Task, page, history, cancellationToken).ConfigureAwait(false);
                    yield return new TrainingSample(TaskName, capture.Messages!, capture.Options, expected.ToToolCallText())
                    {
                        Meta = new Dictionary<string, string>(StringComparer.Ordinal)
                        {
                            ["flow"] = flow.Id,
                            ["kind"] = flow.Kind,
                            ["layout"] = flow.Layout,
                            ["step"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            ["tool"] = step.Tool,
                        },
                    };
                }

                history.Add(expected is null ? step.Describe() : GuiActionPlanner.Describe(expected, marks));
                if (step.Tool != "done")
                {
                    await session.ExecuteStepAsync(step, cancellationToken).ConfigureAwait(false);
                }
            }

            context.Progress?.Report(++done);
        }
    }

    /// <summary>Records the request and answers the expected call, so the planner runs its real code path.</summary>
    private sealed class CapturingChatClient : IChatClient
    {
        public GuiAction? Answer { get; set; }

        public IReadOnlyList<ChatMessage>? Messages { get; private set; }

        public ChatOptions? Options { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Messages = [.. messages];
            Options = options?.Clone();
            var answer = Answer ?? GuiAction.Done();
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (answer.Mark is int mark)
            {
                arguments["mark"] = (long)mark;
            }

            if (answer.Text is not null)
            {
                arguments["text"] = answer.Text;
            }

            if (answer.Option is not null)
            {
                arguments["option"] = answer.Option;
            }

            if (answer.Key is not null)
            {
                arguments["key"] = answer.Key;
            }

            if (answer.Direction is not null)
            {
                arguments["direction"] = answer.Direction;
            }

            var message = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_0", answer.ToolName, arguments)]);
            return Task.FromResult(new ChatResponse(message));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The capturing client answers GetResponseAsync only.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
