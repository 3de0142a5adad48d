using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Agents.Cli.Commands;
using Agents.Core.Gui;
using LocalModel.Chat;
using LocalModel.Pruning;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Planning;
using Spectre.Console;

namespace Agents.Cli.Inputs;

/// <summary>
/// The options <c>agents demo</c> and <c>agents gui</c> share (pruning, grounder, browser window, report, step limit,
/// and the model options of <see cref="ChatModelChoice"/>), the agent options they make, and the step printing.
/// </summary>
internal sealed class GuiAgentChoice(string defaultReport)
{
    public ChatModelChoice Models { get; } = new();

    public Option<string?> Pruning { get; } = CliOptions.Method("--pruning", "The visual-token pruning method of every planning request (pruning_method), e.g. fastervlm.");

    public Option<VisualTokenBudget?> Keep { get; } = CliOptions.Budget("--keep", "Visual tokens kept per screenshot with --pruning (visual_token_budget): a count (49) or a percentage (25%).");

    public Option<string> Grounder { get; } = CliOptions.Choice("--grounder", "How the GUI plugin finds an element described in words when a chosen mark fails: dom (default), ocr, vision or hybrid.", [.. GrounderFactory.Names]);

    public Option<bool> Headed { get; } = CliOptions.Flag("--headed", "Show the Chromium window (needs a display).");

    public Option<string> Report { get; } = CliOptions.Text("--report", "The HTML report to write.", "file", defaultReport);

    public Option<int> MaxSteps { get; } = CliOptions.Int("--max-steps", "The most planned steps.", 1, new GuiAgentOptions().MaxSteps);

    public void AddTo(Command command)
    {
        command.Add(Pruning);
        command.Add(Keep);
        command.Add(Grounder);
        command.Add(Headed);
        command.Add(Report);
        command.Add(MaxSteps);
        Models.AddTo(command);
    }

    public string GrounderName(ParseResult parse) => parse.GetValue(Grounder) ?? "dom";

    /// <summary>The agent's options: the step limit, and --pruning/--keep on every planning request.</summary>
    /// <exception cref="UsageException">--keep without --pruning.</exception>
    public GuiAgentOptions AgentOptions(ParseResult parse) => new()
    {
        MaxSteps = parse.GetValue(MaxSteps),
        Planner = new GuiActionPlannerOptions { ModelOptions = PruningOptions(parse.GetValue(Pruning), parse.GetValue(Keep)) },
    };

    /// <summary>Prints each step as it ends, on the caller's thread and in order.</summary>
    public static IProgress<GuiAgentStep> Printer(CliServices services) => new SynchronousProgress<GuiAgentStep>(step => services.Console.Output.WriteLine(Line(step)));

    /// <summary>Writes the report and prints where it is.</summary>
    public async Task<string> WriteReportAsync(ParseResult parse, GuiAgentRun run, string title, CliServices services, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parse.GetValue(Report)!);
        await GuiAgentReport.WriteAsync(run, title, path, cancellationToken).ConfigureAwait(false);
        services.Console.Note($"report: {path}");
        return path;
    }

    /// <summary>One printed line per step.</summary>
    internal static string Line(GuiAgentStep step)
    {
        var attempt = step.Try > 1 ? string.Create(CultureInfo.InvariantCulture, $" (try {step.Try})") : string.Empty;
        var tokens = step.VisualTokensKept is { } kept ? string.Create(CultureInfo.InvariantCulture, $"{kept}/{step.VisualTokensTotal} visual tokens, ") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"step {step.Number,2}{attempt}: {step.Action} -> {(step.Success ? "ok" : "FAILED")}: {step.Outcome} [{tokens}plan {step.PlanTime.TotalMilliseconds:0} ms, act {step.ActTime.TotalMilliseconds:0} ms]");
    }

    private static ChatOptions? PruningOptions(string? method, VisualTokenBudget? keep)
    {
        if (method is null)
        {
            return keep is null ? null : throw new UsageException($"--keep {keep} needs --pruning <method> (e.g. --pruning fastervlm).");
        }

        var properties = new AdditionalPropertiesDictionary { [LocalVlmRequestSettings.PruningMethodKey] = method };
        if (keep is not null)
        {
            properties[LocalVlmRequestSettings.VisualTokenBudgetKey] = keep.ToString();
        }

        return new ChatOptions { AdditionalProperties = properties };
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
