using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Planning;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>
/// Scores a vision model as a GUI agent on generated flows: (a) steps right, teacher-forced: at each scripted step the
/// <see cref="GuiActionPlanner"/>'s action must equal the scripted one (same tool, same target element, same text,
/// option, key or direction), then the scripted step is executed; (b) flows completed end to end: observe, plan,
/// execute on the chosen mark's element, repeat until done or the scripted length plus
/// <see cref="GuiActionEvaluatorOptions.ExtraSteps"/>; completed when the model says done on a page passing the check.
/// </summary>
public sealed class GuiActionEvaluator
{
    private readonly GuiActionEvaluatorOptions _options;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="options">The options, or null for the defaults.</param>
    public GuiActionEvaluator(GuiActionEvaluatorOptions? options = null)
    {
        _options = options ?? new GuiActionEvaluatorOptions();
        _options.Validate();
    }

    /// <summary>Evaluates <paramref name="client"/> on the flows of <paramref name="folder"/>.</summary>
    /// <param name="client">The vision model.</param>
    /// <param name="folder">A flow folder written by <c>agents data flows</c>.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The step accuracy (headline), the completion rate and per-flow outcomes.</returns>
    public async Task<GuiActionEvaluation> EvaluateAsync(IChatClient client, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var flows = GuiFlowSet.Read(folder);
        if (_options.Limit > 0)
        {
            flows = [.. flows.Take(_options.Limit)];
        }

        var planner = new GuiActionPlanner(client, new GuiActionPlannerOptions { ModelOptions = _options.ModelOptions });
        await using var runner = await GuiFlowRunner.StartAsync(folder, _options.ChromiumPath, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<GuiFlowOutcome>(flows.Count);
        foreach (var flow in flows)
        {
            var right = await TeacherForcedAsync(runner, planner, flow, cancellationToken).ConfigureAwait(false);
            var (completed, actions) = _options.EndToEnd
                ? await EndToEndAsync(runner, planner, flow, cancellationToken).ConfigureAwait(false)
                : (false, (IReadOnlyList<string>)[]);
            outcomes.Add(new GuiFlowOutcome(flow.Id, flow.Kind, flow.Layout, flow.Steps.Count, right, completed, actions));
            _options.Progress?.Report(outcomes.Count);
        }

        return new GuiActionEvaluation(
            outcomes.Count, outcomes.Sum(o => o.Steps), outcomes.Sum(o => o.StepsRight), outcomes.Count(o => o.Completed), _options.EndToEnd, outcomes);
    }

    private static async Task<int> TeacherForcedAsync(GuiFlowRunner runner, GuiActionPlanner planner, GuiFlow flow, CancellationToken cancellationToken)
    {
        await using var session = await runner.OpenAsync(flow, cancellationToken).ConfigureAwait(false);
        var history = new List<string>();
        var right = 0;
        foreach (var step in flow.Steps)
        {
            var page = await session.ObserveAsync(cancellationToken).ConfigureAwait(false);
            var plan = await planner.PlanAsync(flow.Task, page, history, cancellationToken).ConfigureAwait(false);
            if (step.Matches(plan.Action, plan.Marks))
            {
                right++;
            }

            var expected = step.ToAction(plan.Marks);
            history.Add(expected is null ? step.Describe() : GuiActionPlanner.Describe(expected, plan.Marks));
            if (step.Tool != "done")
            {
                await session.ExecuteStepAsync(step, cancellationToken).ConfigureAwait(false);
            }
        }

        return right;
    }

    private async Task<(bool Completed, IReadOnlyList<string> Actions)> EndToEndAsync(
        GuiFlowRunner runner, GuiActionPlanner planner, GuiFlow flow, CancellationToken cancellationToken)
    {
        await using var session = await runner.OpenAsync(flow, cancellationToken).ConfigureAwait(false);
        var history = new List<string>();
        var actions = new List<string>();
        for (var i = 0; i < flow.Steps.Count + _options.ExtraSteps; i++)
        {
            var page = await session.ObserveAsync(cancellationToken).ConfigureAwait(false);
            var plan = await planner.PlanAsync(flow.Task, page, history, cancellationToken).ConfigureAwait(false);
            if (plan.Action is null)
            {
                actions.Add("unusable: " + plan.Raw);
                continue;
            }

            var line = GuiActionPlanner.Describe(plan.Action, plan.Marks);
            actions.Add(line);
            if (plan.Action.Kind == GuiActionKind.Done)
            {
                return (await session.IsSuccessfulAsync(cancellationToken).ConfigureAwait(false), actions);
            }

            history.Add(line);
            await session.ExecuteAsync(plan.Action, plan.Marks, cancellationToken).ConfigureAwait(false);
        }

        return (false, actions);
    }
}
