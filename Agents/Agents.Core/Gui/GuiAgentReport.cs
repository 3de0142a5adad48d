using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Core.Gui;

/// <summary>
/// Writes a <see cref="GuiAgentRun"/> as one self-contained HTML file: the verdict, then per step the annotated
/// screenshot (embedded as a data URI), the action, its outcome, the visual tokens kept and the timings.
/// </summary>
public static class GuiAgentReport
{
    /// <summary>Renders the report.</summary>
    /// <param name="run">The run.</param>
    /// <param name="title">The report's title, e.g. the command and model that produced it.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(GuiAgentRun run, string title)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(title);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}")
            .Append(".ok{color:#176f2c}.fail{color:#b00020}img{max-width:480px;border:1px solid #999}</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p><b>Task:</b> ").Append(E(run.Task)).Append("</p>\n")
            .Append("<p class=\"").Append(run.Succeeded ? "ok" : "fail").Append("\"><b>").Append(run.Succeeded ? "Done" : "Not done").Append("</b>: ").Append(E(run.Reason)).Append("</p>\n");
        var kept = run.Steps.Where(s => s.VisualTokensKept is not null).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<p>{run.Steps.Count} steps in {run.Elapsed.TotalSeconds:0.0} s; planning {run.Steps.Sum(s => s.PlanTime.TotalSeconds):0.0} s, acting {run.Steps.Sum(s => s.ActTime.TotalSeconds):0.0} s");
        if (kept.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"; visual tokens kept per step {kept.Average(s => s.VisualTokensKept!.Value):0} of {kept.Average(s => s.VisualTokensTotal ?? 0):0}");
        }

        html.Append(".</p>\n<table><tr><th>#</th><th>screenshot (chosen mark)</th><th>action</th><th>outcome</th><th>visual tokens</th><th>plan / act</th></tr>\n");
        foreach (var step in run.Steps)
        {
            html.Append("<tr><td>").Append(step.Number.ToString(CultureInfo.InvariantCulture)).Append(step.Try > 1 ? $" (try {step.Try})" : string.Empty).Append("</td><td>");
            if (step.Screenshot is { } png)
            {
                html.Append("<img alt=\"step ").Append(step.Number.ToString(CultureInfo.InvariantCulture)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png.Span)).Append("\">");
            }

            html.Append("</td><td>").Append(E(step.Action)).Append("</td><td class=\"").Append(step.Success ? "ok" : "fail").Append("\">").Append(E(step.Outcome))
                .Append("<br><small>").Append(E(step.Url)).Append("</small></td><td>")
                .Append(step.VisualTokensKept is { } k ? string.Create(CultureInfo.InvariantCulture, $"{k} of {step.VisualTokensTotal}") : "-")
                .Append(CultureInfo.InvariantCulture, $"</td><td>{step.PlanTime.TotalMilliseconds:0} ms / {step.ActTime.TotalMilliseconds:0} ms</td></tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/>, creating its folder.</summary>
    /// <param name="run">The run.</param>
    /// <param name="title">The title.</param>
    /// <param name="path">The HTML file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(GuiAgentRun run, string title, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, Render(run, title), cancellationToken).ConfigureAwait(false);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
