using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Imaging;
using Plugins.Gui.Planning;
using Plugins.Gui.Seeing;

namespace Agents.Core.Gui;

/// <summary>
/// The GUI agent: plan, ground, act, verify, repeat. Each step observes the page (screenshot and interactive
/// candidates), asks the model for the next action among the marked candidates (<see cref="GuiActionPlanner"/>, one
/// tool call under constrained decoding), and acts through the GUI plugin, so its safety rules apply (allowed origins,
/// step limit, hit-testing, untrusted page text). A failed action is retried on the same element described in words
/// (grounded afresh), then re-planned by sampling with the failure in the history; after <see cref="GuiAgentOptions.MaxTriesPerStep"/>
/// failures in a row the run stops and says why. When the model calls done, an optional <see cref="IGuiTaskCheck"/>
/// decides from the page whether the task is really done. Every step is traced (<see cref="GuiAgentStep"/>).
/// One run at a time per instance.
/// </summary>
public sealed partial class GuiAgent
{
    private readonly GuiTaskSession _session;
    private readonly GuiPlugin _gui;
    private readonly PageObserver _observer;
    private readonly GuiAgentOptions _options;
    private readonly PlanUsageRecorder _usage;
    private readonly GuiActionPlanner _planner;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Creates the agent.</summary>
    /// <param name="client">The model that plans (the local VLM or any OpenAI-compatible endpoint).</param>
    /// <param name="session">The task session: its page is the one the agent drives.</param>
    /// <param name="gui">The GUI plugin over the same session.</param>
    /// <param name="observer">Observes the page for the planner.</param>
    /// <param name="options">The options (validated); null for the defaults.</param>
    /// <param name="loggers">Creates the loggers; null for none.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public GuiAgent(IChatClient client, GuiTaskSession session, GuiPlugin gui, PageObserver observer, GuiAgentOptions? options = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(gui);
        ArgumentNullException.ThrowIfNull(observer);
        _options = options ?? new GuiAgentOptions();
        _options.Validate();
        _session = session;
        _gui = gui;
        _observer = observer;
        _usage = new PlanUsageRecorder(client);
        loggers ??= NullLoggerFactory.Instance;
        _planner = new GuiActionPlanner(_usage, _options.Planner, loggers.CreateLogger<GuiActionPlanner>());
        _loggers = loggers;
        _logger = loggers.CreateLogger<GuiAgent>();
    }

    /// <summary>Runs a task to the end: done (and verified), the step limit, or repeated failures.</summary>
    /// <param name="task">The task in natural language, e.g. "Sign in as demo with password demo123".</param>
    /// <param name="start">The page to open first; null starts from the session's current page.</param>
    /// <param name="check">Decides from the page whether the task is done; null trusts the model's done.</param>
    /// <param name="progress">Receives each step as it ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run: every step, and whether the task is done.</returns>
    /// <exception cref="ArgumentException"><paramref name="task"/> is empty.</exception>
    public async Task<GuiAgentRun> RunAsync(string task, Uri? start = null, IGuiTaskCheck? check = null, IProgress<GuiAgentStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        var watch = Stopwatch.StartNew();
        var steps = new List<GuiAgentStep>();
        if (start is not null)
        {
            var opened = await _gui.OpenUrlAsync(start.ToString(), cancellationToken).ConfigureAwait(false);
            if (!opened.Success)
            {
                return new GuiAgentRun(task, steps, Finished: false, Verified: check is null ? null : false, $"could not open {start}: {opened.Message}", watch.Elapsed);
            }
        }

        var history = new List<string>();
        var failures = 0;
        var finished = false;
        var reason = $"the step limit ({_options.MaxSteps}) was reached";
        for (var number = 1; number <= _options.MaxSteps; number++)
        {
            var step = await StepAsync(number, failures + 1, task, history, cancellationToken).ConfigureAwait(false);
            steps.Add(step);
            progress?.Report(step);
            LogStep(_logger, step.Number, step.Action, step.Success, step.Outcome);
            if (step.Tool == "done")
            {
                finished = true;
                reason = "the model called done";
                break;
            }

            failures = step.Success ? 0 : failures + 1;
            if (failures >= _options.MaxTriesPerStep)
            {
                reason = $"{failures} tries in a row failed; the last: {step.Outcome}";
                break;
            }
        }

        bool? verified = null;
        if (check is not null)
        {
            var page = (await _session.GetTaskAsync(cancellationToken).ConfigureAwait(false)).Page;
            var (done, evidence) = await check.CheckAsync(page, cancellationToken).ConfigureAwait(false);
            verified = done;
            reason = $"{reason}; check: {evidence}";
        }

        return new GuiAgentRun(task, steps, finished, verified, reason, watch.Elapsed);
    }

    private async Task<GuiAgentStep> StepAsync(int number, int attempt, string task, List<string> history, CancellationToken cancellationToken)
    {
        var guiTask = await _session.GetTaskAsync(cancellationToken).ConfigureAwait(false);
        var observation = await _observer.ObserveSettledAsync(guiTask.Page, cancellationToken: cancellationToken).ConfigureAwait(false);
        guiTask.LastObservation = observation;
        _usage.Reset();
        var planWatch = Stopwatch.StartNew();
        var plan = await PlannerFor(number, attempt).PlanAsync(task, observation, history, cancellationToken).ConfigureAwait(false);
        planWatch.Stop();
        var step = new GuiAgentStep
        {
            Number = number,
            Try = attempt,
            Action = "(no usable action)",
            Tool = plan.Action?.ToolName,
            Outcome = plan.Reason,
            Success = false,
            Url = guiTask.Page.Url,
            VisualTokensKept = _usage.Kept,
            VisualTokensTotal = _usage.Total,
            PlanTime = planWatch.Elapsed,
            ActTime = TimeSpan.Zero,
            Screenshot = _options.KeepScreenshots ? Annotate(observation, plan) : null,
        };
        if (plan.Action is not { } action)
        {
            return step;
        }

        var described = GuiActionPlanner.Describe(action, plan.Marks);
        if (action.Kind == GuiActionKind.Done)
        {
            return step with { Action = described, Outcome = "the model says the task is complete", Success = true };
        }

        var actWatch = Stopwatch.StartNew();
        var result = await ActAsync(action, plan.Target is { } target ? SourceId(observation, target) : null, cancellationToken).ConfigureAwait(false);
        if (!result.Success && plan.Target is { } retryTarget)
        {
            // The id may be stale or covered: the same element in words, grounded on a new observation.
            var again = await ActAsync(action, $"the {retryTarget.Role} '{GuiActionPlanner.ShortName(retryTarget)}'", cancellationToken).ConfigureAwait(false);
            result = again.Success ? again with { Message = $"{again.Message} (by description, after: {result.Message})" } : result;
        }

        actWatch.Stop();
        history.Add(result.Success ? described : $"{described} (failed)");
        return step with
        {
            Action = described,
            Outcome = result.Effect is { Length: > 0 } effect ? $"{result.Message} [{effect}]" : result.Message,
            Success = result.Success,
            Url = result.Url ?? guiTask.Page.Url,
            ActTime = actWatch.Elapsed,
        };
    }

    // The first try plans greedily; a retry after a failure samples (the retry temperature, a seed per step and try),
    // so the model can choose another candidate on the same page instead of repeating its answer.
    private GuiActionPlanner PlannerFor(int number, int attempt)
    {
        if (attempt == 1)
        {
            return _planner;
        }

        var options = _options.Planner.Clone();
        var model = options.ModelOptions?.Clone() ?? new ChatOptions();
        model.Temperature = _options.RetryTemperature;
        model.Seed = (number * 100) + attempt;
        options.ModelOptions = model;
        return new GuiActionPlanner(_usage, options, _loggers.CreateLogger<GuiActionPlanner>());
    }

    private Task<ActionResult> ActAsync(GuiAction action, string? target, CancellationToken cancellationToken) => action.Kind switch
    {
        GuiActionKind.Click => _gui.ClickAsync(target ?? string.Empty, cancellationToken),
        GuiActionKind.TypeText => _gui.TypeTextAsync(target ?? string.Empty, action.Text ?? string.Empty, clear_first: true, cancellationToken),
        GuiActionKind.SelectOption => _gui.SelectOptionAsync(target ?? string.Empty, action.Option ?? string.Empty, cancellationToken),
        GuiActionKind.PressKey => _gui.PressKeyAsync(action.Key ?? "Enter", cancellationToken),
        GuiActionKind.Scroll => _gui.ScrollAsync(action.Direction ?? "down", 0, string.Empty, cancellationToken),
        _ => Task.FromResult(ActionResult.Fail($"the action {action.ToolName} is not one the GUI agent runs.", string.Empty)),
    };

    // The planner renumbers the marks 1..n; the plugin takes the observation's own candidate ids.
    private static string? SourceId(PageObservation observation, GuiCandidate mark) =>
        observation.Candidates.FirstOrDefault(c => (c with { Id = mark.Id }) == mark)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ReadOnlyMemory<byte> Annotate(PageObservation observation, GuiActionPlan plan) =>
        SetOfMarkRenderer.Render(observation.Screenshot, plan.Target is { } target ? [target] : plan.Marks).Png;

    [LoggerMessage(Level = LogLevel.Information, Message = "GUI step {Number}: {Action} -> {Success}: {Outcome}")]
    private static partial void LogStep(ILogger logger, int number, string action, bool success, string outcome);
}
