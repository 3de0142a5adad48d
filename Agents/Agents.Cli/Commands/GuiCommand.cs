using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Agents.Cli.Inputs;
using Agents.Core.Gui;
using Plugins.Gui.Evaluation;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents gui --url U --task T</c>: the GUI agent on any page of an allowed origin (the URL's own, plus
/// <c>--allow-origin</c>), printing each step and writing the HTML report. Exit code 0 when the agent finished (the
/// model called done); there is no page check for an arbitrary task, so read the report.
/// </summary>
internal static class GuiCommand
{
    public static Command Create(CliServices services)
    {
        var agentDefaults = new GuiAgentOptions();
        var models = new ChatModelChoice();
        var url = CliOptions.Text("--url", "The page to start on (http or https).", "url", required: true);
        var task = CliOptions.Text("--task", "The task in words, e.g. \"search for blue shoes and open the first result\".", "text", required: true);
        var origins = CliOptions.Repeated("--allow-origin", "Another origin the task may open (the URL's own is always allowed); repeat it.", "origin");
        var pruning = CliOptions.Method("--pruning", "The visual-token pruning method of every planning request (pruning_method).");
        var keep = CliOptions.Budget("--keep", "Visual tokens kept per screenshot with --pruning: a count or a percentage.");
        var grounder = CliOptions.Choice("--grounder", "How an element described in words is found when a chosen mark fails: dom (default), ocr, vision or hybrid.", [.. GrounderFactory.Names]);
        var headed = CliOptions.Flag("--headed", "Show the Chromium window (needs a display).");
        var report = CliOptions.Text("--report", "The HTML report to write.", "file", "agents-gui-report.html");
        var maxSteps = CliOptions.Int("--max-steps", "The most planned steps.", 1, agentDefaults.MaxSteps);
        var command = new Command("gui", "The GUI agent on any allowed page: plan, ground, act, verify, repeat in headless Chromium, printing each step and writing an HTML report. Pages are untrusted: only the URL's origin and --allow-origin can be opened.")
        {
            url, task, origins, pruning, keep, grounder, headed, report, maxSteps,
        };
        models.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = parse.GetValue(url)!;
            if (!Uri.TryCreate(start, UriKind.Absolute, out var startUri) || (startUri.Scheme != Uri.UriSchemeHttp && startUri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"--url '{start}' is not an http(s) URL.");
            }

            var planner = new Plugins.Gui.Planning.GuiActionPlannerOptions { ModelOptions = DemoCommand.PruningOptions(parse.GetValue(pruning), parse.GetValue(keep)) };
            var options = new GuiAgentOptions { MaxSteps = parse.GetValue(maxSteps), Planner = planner };
            var allowed = new[] { startUri.GetLeftPart(UriPartial.Authority) }.Concat(parse.GetValue(origins) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            using var model = models.Open(parse, services);
            var grounderName = parse.GetValue(grounder) ?? "dom";
            services.Console.Note($"agents gui: {startUri}; allowed {string.Join(", ", allowed)}; model {model.Description}; grounder {grounderName}");
            await using var host = GuiAgentHost.Create(model.Client, grounderName, allowed, parse.GetValue(headed), options, services.Loggers);
            var progress = new DemoCommand.SynchronousProgress<GuiAgentStep>(step => services.Console.Output.WriteLine(DemoCommand.Line(step)));

            var run = await host.Agent.RunAsync(parse.GetValue(task)!, startUri, check: null, progress, cancellationToken).ConfigureAwait(false);

            var reportPath = Path.GetFullPath(parse.GetValue(report)!);
            await GuiAgentReport.WriteAsync(run, $"agents gui: {startUri}", reportPath, cancellationToken).ConfigureAwait(false);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run.Finished ? "FINISHED" : "NOT FINISHED")} after {run.Steps.Count} steps in {run.Elapsed.TotalSeconds:0.0} s: {run.Reason}"));
            services.Console.Note($"report: {reportPath}");
            return run.Finished ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        return command;
    }
}
