using System;
using System.CommandLine;
using System.Globalization;
using Agents.Cli.Demo;
using Agents.Cli.Inputs;
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
        var gui = new GuiAgentChoice("agents-demo-report.html");
        var task = CliOptions.Text("--task", "The task in words. Default: the demo task (sign in, fill the form, review, confirm).", "text");
        var command = new Command("demo", "The main job: the GUI agent signs in to the local test site, fills the form (dropdown and checkboxes included), reviews and confirms it in headless Chromium with the embedded model (or --model, --endpoint), printing each step and writing an HTML report. Exit code 0 only when the confirmation page shows the submitted values.")
        {
            task,
        };
        gui.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var agentOptions = gui.AgentOptions(parse);
            using var model = gui.Models.Open(parse, services);
            await using var site = await TestSiteServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var taskText = parse.GetValue(task) ?? DemoScenario.DefaultTask(new TestSiteOptions());
            services.Console.Note($"agents demo: test site at {site.BaseAddress}; model {model.Description}; grounder {gui.GrounderName(parse)}");
            services.Console.Note($"task: {taskText}");
            await using var host = GuiAgentHost.Create(model.Client, gui.GrounderName(parse), [site.BaseAddress.GetLeftPart(UriPartial.Authority)], parse.GetValue(gui.Headed), agentOptions, services.Loggers);

            var run = await host.Agent.RunAsync(taskText, site.BaseAddress, new DemoScenario(site), GuiAgentChoice.Printer(services), cancellationToken).ConfigureAwait(false);

            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run.Succeeded ? "DONE" : "NOT DONE")} after {run.Steps.Count} steps in {run.Elapsed.TotalSeconds:0.0} s: {run.Reason}"));
            await gui.WriteReportAsync(parse, run, $"agents demo: {model.Description}", services, cancellationToken).ConfigureAwait(false);
            return run.Succeeded ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        return command;
    }
}
