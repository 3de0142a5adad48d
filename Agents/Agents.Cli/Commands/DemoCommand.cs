using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Agents.Cli.Demo;
using Agents.Cli.Inputs;
using Agents.Core.Gui;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation;
using Plugins.Gui.TestSite;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents demo</c>, the main job: starts the local test site on 127.0.0.1 and lets the GUI agent do a stated task on
/// it in headless Chromium (sign in, fill the form with its dropdown and checkboxes, review, confirm), printing each
/// step as it happens and writing an HTML report. Exit code 0 only when the site recorded the right submission and
/// the confirmation page shows it.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliServices services)
    {
        var agentDefaults = new GuiAgentOptions();
        var models = new ChatModelChoice();
        var task = CliOptions.Text("--task", "The task in words. Default: the demo task (sign in, fill the form, review, confirm).", "text");
        var pruning = CliOptions.Method("--pruning", "The visual-token pruning method of every planning request (pruning_method), e.g. fastervlm.");
        var keep = CliOptions.Budget("--keep", "Visual tokens kept per screenshot with --pruning (visual_token_budget): a count (49) or a percentage (25%).");
        var grounder = CliOptions.Choice("--grounder", "How the GUI plugin finds an element described in words when a chosen mark fails: dom (default), ocr, vision or hybrid.", [.. GrounderFactory.Names]);
        var headed = CliOptions.Flag("--headed", "Show the Chromium window (needs a display).");
        var report = CliOptions.Text("--report", "The HTML report to write.", "file", "agents-demo-report.html");
        var maxSteps = CliOptions.Int("--max-steps", "The most planned steps.", 1, agentDefaults.MaxSteps);
        var command = new Command("demo", "The main job: the GUI agent signs in to the local test site, fills the form (dropdown and checkboxes included), reviews and confirms it in headless Chromium with the embedded model (or --model, --endpoint), printing each step and writing an HTML report. Exit code 0 only when the confirmation page shows the submitted values.")
        {
            task, pruning, keep, grounder, headed, report, maxSteps,
        };
        models.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var grounderName = parse.GetValue(grounder) ?? "dom";
            var planner = new Plugins.Gui.Planning.GuiActionPlannerOptions { ModelOptions = PruningOptions(parse.GetValue(pruning), parse.GetValue(keep)) };
            var agentOptions = new GuiAgentOptions { MaxSteps = parse.GetValue(maxSteps), Planner = planner };
            using var model = models.Open(parse, services);
            await using var site = await TestSiteServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var taskText = parse.GetValue(task) ?? DemoScenario.DefaultTask(new TestSiteOptions());
            services.Console.Note($"agents demo: test site at {site.BaseAddress}; model {model.Description}; grounder {grounderName}");
            services.Console.Note($"task: {taskText}");

            await using var host = GuiAgentHost.Create(model.Client, grounderName, [site.BaseAddress.GetLeftPart(UriPartial.Authority)], parse.GetValue(headed), agentOptions, services.Loggers);
            var agent = host.Agent;
            var progress = new SynchronousProgress<GuiAgentStep>(step => services.Console.Output.WriteLine(Line(step)));

            var run = await agent.RunAsync(taskText, site.BaseAddress, new DemoScenario(site), progress, cancellationToken).ConfigureAwait(false);

            var reportPath = Path.GetFullPath(parse.GetValue(report)!);
            await GuiAgentReport.WriteAsync(run, $"agents demo: {model.Description}", reportPath, cancellationToken).ConfigureAwait(false);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run.Succeeded ? "DONE" : "NOT DONE")} after {run.Steps.Count} steps in {run.Elapsed.TotalSeconds:0.0} s: {run.Reason}"));
            services.Console.Note($"report: {reportPath}");
            return run.Succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        return command;
    }

    /// <summary>One printed line per step.</summary>
    internal static string Line(GuiAgentStep step)
    {
        var attempt = step.Try > 1 ? string.Create(CultureInfo.InvariantCulture, $" (try {step.Try})") : string.Empty;
        var tokens = step.VisualTokensKept is { } kept ? string.Create(CultureInfo.InvariantCulture, $"{kept}/{step.VisualTokensTotal} visual tokens, ") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"step {step.Number,2}{attempt}: {step.Action} -> {(step.Success ? "ok" : "FAILED")}: {step.Outcome} [{tokens}plan {step.PlanTime.TotalMilliseconds:0} ms, act {step.ActTime.TotalMilliseconds:0} ms]");
    }

    internal static ChatOptions? PruningOptions(string? method, LocalModel.Pruning.VisualTokenBudget? keep)
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
    internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
