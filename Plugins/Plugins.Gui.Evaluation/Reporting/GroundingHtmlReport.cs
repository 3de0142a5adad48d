using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;

namespace Plugins.Gui.Evaluation.Reporting;

/// <summary>
/// Writes an evaluation as one HTML page: the summary per split, then every record with its screenshot, the target
/// box (green), the predicted point (red cross), the instruction, the result and the grounder's reason. Screenshots
/// go to a folder beside the page (<c>report_files/</c> for <c>report.html</c>), so the page stays small.
/// </summary>
public static class GroundingHtmlReport
{
    /// <summary>Writes the report to <paramref name="path"/> (and its image folder); returns the image folder's path.</summary>
    /// <param name="evaluation">The evaluation; outcomes without a kept screenshot are listed without an image.</param>
    /// <param name="path">The HTML file to write; its folder is created if needed.</param>
    public static string Write(GroundingEvaluation evaluation, string path)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var imagesName = Path.GetFileNameWithoutExtension(full) + "_files";
        var images = Path.Combine(folder, imagesName);
        Directory.CreateDirectory(folder);
        if (Directory.Exists(images))
        {
            Directory.Delete(images, recursive: true);
        }

        Directory.CreateDirectory(images);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Grounding report: ")
            .Append(E(evaluation.Grounder)).Append("</title>\n<style>\n")
            .Append("body{font-family:'DejaVu Sans',sans-serif;margin:24px;color:#1f2430;background:#f6f7f9}")
            .Append("table.sum{border-collapse:collapse;margin-bottom:24px}table.sum td,table.sum th{border:1px solid #ccd;padding:4px 10px;text-align:right}table.sum th:first-child,table.sum td:first-child{text-align:left}")
            .Append(".task{background:#fff;border:1px solid #dde;border-left:6px solid #c62828;border-radius:6px;margin:0 0 18px;padding:12px}.task.ok{border-left-color:#2e7d32}")
            .Append(".task h3{margin:0 0 6px;font-size:15px}.meta{font-size:13px;color:#555;margin:2px 0}.shot{max-width:100%;height:auto;border:1px solid #ccc;display:block;margin-top:8px}")
            .Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>Grounding report</h1>\n<p class=\"meta\">grounder <b>").Append(E(evaluation.Grounder)).Append("</b> on <code>").Append(E(evaluation.DataFile))
            .Append("</code> (").Append(E(evaluation.DataKind)).Append("). Green: the target box. Red cross: the predicted point. A miss (no point) counts as wrong.</p>\n");
        html.Append("<table class=\"sum\"><tr><th>split</th><th>n</th><th>correct</th><th>accuracy</th><th>misses</th><th>mean ms</th><th>median ms</th></tr>\n");
        foreach (var s in evaluation.Splits.Append(evaluation.Overall))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Split)}</td><td>{s.Count}</td><td>{s.Correct}</td><td>{s.Accuracy * 100:0.0}%</td><td>{s.Misses}</td><td>{s.MeanMilliseconds:0.0}</td><td>{s.MedianMilliseconds:0.0}</td></tr>\n");
        }

        html.Append("</table>\n");
        var index = 0;
        foreach (var o in evaluation.Outcomes)
        {
            index++;
            var result = o.Correct ? "correct" : o.Miss ? "miss (no point)" : "wrong";
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"task{(o.Correct ? " ok" : string.Empty)}\" id=\"task-{E(o.Id)}\">\n<h3>{E(o.Id)}: {E(o.Instruction)}</h3>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">split <b>{E(o.Split)}</b> · result <b>{result}</b> · point {(o.Point is { } p ? E(p.ToString()) : "none")} · target {E(o.Target.ToString())} · {o.Milliseconds:0.0} ms · confidence {o.Confidence:0.00} · {E(o.Source)}</p>\n");
            html.Append("<p class=\"meta\">reason: ").Append(E(o.Reason)).Append("</p>\n");
            if (o.RawAnswer is { Length: > 0 } raw)
            {
                html.Append("<p class=\"meta\">model answer: <code>").Append(E(raw)).Append("</code></p>\n");
            }

            if (o.Screenshot is { } shot)
            {
                var file = string.Create(CultureInfo.InvariantCulture, $"{index:0000}.png");
                File.WriteAllBytes(Path.Combine(images, file), shot.Png.ToArray());
                html.Append(CultureInfo.InvariantCulture, $"<svg class=\"shot\" width=\"{shot.Width}\" height=\"{shot.Height}\" viewBox=\"0 0 {shot.Width} {shot.Height}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"screenshot\">");
                html.Append(CultureInfo.InvariantCulture, $"<image href=\"{E(imagesName)}/{file}\" x=\"0\" y=\"0\" width=\"{shot.Width}\" height=\"{shot.Height}\"/>");
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{o.Target.X:0.#}\" y=\"{o.Target.Y:0.#}\" width=\"{o.Target.Width:0.#}\" height=\"{o.Target.Height:0.#}\" fill=\"rgba(46,125,50,.15)\" stroke=\"#2e7d32\" stroke-width=\"2\"/>");
                if (o.Point is { } point)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<path d=\"M{point.X - 9:0.#} {point.Y - 9:0.#}L{point.X + 9:0.#} {point.Y + 9:0.#}M{point.X + 9:0.#} {point.Y - 9:0.#}L{point.X - 9:0.#} {point.Y + 9:0.#}\" stroke=\"#fff\" stroke-width=\"5\"/>");
                    html.Append(CultureInfo.InvariantCulture, $"<path d=\"M{point.X - 9:0.#} {point.Y - 9:0.#}L{point.X + 9:0.#} {point.Y + 9:0.#}M{point.X + 9:0.#} {point.Y - 9:0.#}L{point.X - 9:0.#} {point.Y + 9:0.#}\" stroke=\"#d50000\" stroke-width=\"2.5\"/>");
                }

                html.Append("</svg>\n");
            }

            html.Append("</div>\n");
        }

        html.Append("</body>\n</html>\n");
        File.WriteAllText(full, html.ToString(), new UTF8Encoding(false));
        return images;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
