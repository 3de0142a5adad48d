using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Agents.Bench.Plotting;

namespace Agents.Evaluation.Reporting;

/// <summary>
/// One PNG per task (<see cref="LineChart"/>, the plotter of <c>agents bench pruning --plot</c>): accuracy in percent
/// against visual tokens kept per image (linear x), one line per method ending at the shared full-budget point;
/// unavailable methods are left out.
/// </summary>
public static class ModelSweepPlots
{
    /// <summary>Builds the chart of <paramref name="task"/>.</summary>
    public static LineChart Chart(ModelSweepResult result, string task)
    {
        ArgumentNullException.ThrowIfNull(result);
        var full = result.FullBudget(task);
        var chart = new LineChart
        {
            Title = $"{task}: accuracy vs visual tokens kept ({Path.GetFileName(result.Model.TrimEnd('/', '\\'))})",
            XLabel = "visual tokens kept per image",
            YLabel = $"{full?.Metric ?? "accuracy"} (%)",
            Legend = LegendCorner.LowerRight,
        };
        foreach (var method in result.Methods)
        {
            var points = result.Cells
                .Where(c => c.Task == task && c.Method == method && c.Accuracy is not null)
                .Select(c => (X: (double)c.TokensKept, Y: c.Accuracy!.Value * 100))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            if (full?.Accuracy is { } a)
            {
                points.Add((full.TokensKept, a * 100));
            }

            points.Sort((p, q) => p.X.CompareTo(q.X));
            chart.Series.Add(new LineSeries(method, [.. points.Select(p => p.X)], [.. points.Select(p => p.Y)]));
        }

        return chart;
    }

    /// <summary>Writes <c>{task}.png</c> per task into <paramref name="folder"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(ModelSweepResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        var paths = new List<string>();
        foreach (var (task, _) in result.Tasks)
        {
            var chart = Chart(result, task);
            if (chart.Series.Count == 0)
            {
                continue;
            }

            var path = Path.Combine(folder, task + ".png");
            chart.SavePng(path);
            paths.Add(path);
        }

        return paths;
    }
}
