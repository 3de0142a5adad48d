using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Agents.Cli.Inputs;
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
        var gui = new GuiAgentChoice("agents-gui-report.html");
        var url = CliOptions.Text("--url", "The page to start on (http or https).", "url", required: true);
        var task = CliOptions.Text("--task", "The task in words, e.g. \"search for blue shoes and open the first result\".", "text", required: true);
        var origins = CliOptions.Repeated("--allow-origin", "Another origin the task may open (the URL's own is always allowed); repeat it.", "origin");
        var command = new Command("gui", "The GUI agent on any allowed page: plan, ground, act, verify, repeat in headless Chromium, printing each step and writing an HTML report. Pages are untrusted: only the URL's origin and --allow-origin can be opened.")
        {
            url, task, origins,
        };
        gui.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var start = parse.GetValue(url)!;
            if (!Uri.TryCreate(start, UriKind.Absolute, out var startUri) || (startUri.Scheme != Uri.UriSchemeHttp && startUri.Scheme != Uri.UriSchemeHttps))
            {
                throw new UsageException($"--url '{start}' is not an http(s) URL.");
            }

            var options = gui.AgentOptions(parse);
            var allowed = new[] { startUri.GetLeftPart(UriPartial.Authority) }.Concat(parse.GetValue(origins) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            using var model = gui.Models.Open(parse, services);
            services.Console.Note($"agents gui: {startUri}; allowed {string.Join(", ", allowed)}; model {model.Description}; grounder {gui.GrounderName(parse)}");
            await using var host = GuiAgentHost.Create(model.Client, gui.GrounderName(parse), allowed, parse.GetValue(gui.Headed), options, services.Loggers);

            var run = await host.Agent.RunAsync(parse.GetValue(task)!, startUri, check: null, GuiAgentChoice.Printer(services), cancellationToken).ConfigureAwait(false);

            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run.Finished ? "FINISHED" : "NOT FINISHED")} after {run.Steps.Count} steps in {run.Elapsed.TotalSeconds:0.0} s: {run.Reason}"));
            await gui.WriteReportAsync(parse, run, $"agents gui: {startUri}", services, cancellationToken).ConfigureAwait(false);
            return run.Finished ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        });
        return command;
    }
}
