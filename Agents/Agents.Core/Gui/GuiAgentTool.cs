using System;
using System.ComponentModel;
using System.Globalization;
using System.Threading;
using Microsoft.Extensions.AI;

namespace Agents.Core.Gui;

/// <summary>
/// The GUI agent as one tool, <c>run_gui_task(task, url)</c>, for chat agents and the coordinator's GUI specialist:
/// it runs <see cref="GuiAgent.RunAsync"/> to the end and returns a short account (done or not, why, the steps).
/// </summary>
public static class GuiAgentTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "run_gui_task";

    /// <summary>Creates the tool.</summary>
    /// <param name="agent">The GUI agent (one run at a time).</param>
    /// <param name="check">Decides from the page whether a task is done; null trusts the model's done.</param>
    /// <returns>The tool.</returns>
    public static AIFunction Create(GuiAgent agent, IGuiTaskCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return AIFunctionFactory.Create(
            async ([Description("The task in the user's words, e.g. 'sign in as demo and open the form'.")] string task,
                   [Description("The page to start on (an http(s) URL of an allowed origin); empty to continue on the current page.")] string url,
                   CancellationToken cancellationToken) =>
            {
                Uri? start = null;
                if (!string.IsNullOrWhiteSpace(url) && !Uri.TryCreate(url, UriKind.Absolute, out start))
                {
                    return $"'{url}' is not an absolute URL; give one such as http://127.0.0.1:5000/ or leave it empty.";
                }

                var run = await agent.RunAsync(task, start, check, progress: null, cancellationToken).ConfigureAwait(false);
                var last = run.Steps.Count == 0 ? "no step was taken" : $"last step: {run.Steps[^1].Action} -> {run.Steps[^1].Outcome}";
                return string.Create(CultureInfo.InvariantCulture, $"{(run.Succeeded ? "Done" : "Not done")} after {run.Steps.Count} steps: {run.Reason}; {last}");
            },
            Name,
            "Does a task on a web page in the browser (open, click, type, select, submit) and reports whether it was done.");
    }
}
