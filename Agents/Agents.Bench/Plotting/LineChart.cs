using System;
using System.Collections.Generic;
using System.Linq;

namespace Agents.Bench.Plotting;

/// <summary>
/// A line chart saved as PNG (ScottPlot): one line with markers per <see cref="LineSeries"/>, a title, axis labels
/// and a legend. Used by <c>agents bench pruning --plot</c> (prefill ratio against tokens kept) and <c>agents eval
/// model</c> (accuracy against tokens kept). Not thread-safe; build, then <see cref="SavePng"/>.
/// </summary>
public sealed class LineChart
{
    /// <summary>The title above the plot (default empty).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The x axis label (default empty).</summary>
    public string XLabel { get; init; } = string.Empty;

    /// <summary>The y axis label (default empty).</summary>
    public string YLabel { get; init; } = string.Empty;

    /// <summary>Where the legend goes (default upper left).</summary>
    public LegendCorner Legend { get; init; } = LegendCorner.UpperLeft;

    /// <summary>The y range to show, or null (the default) to fit the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>The lines, drawn in order.</summary>
    public IList<LineSeries> Series { get; } = new List<LineSeries>();

    /// <summary>Writes the chart to <paramref name="path"/> as a PNG of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">A series is malformed, or the size is not positive.</exception>
    public void SavePng(string path, int width = 1000, int height = 620)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (width < 1 || height < 1)
        {
            throw new ArgumentException($"A chart needs a positive size, got {width}x{height}.", nameof(width));
        }

        var plot = new ScottPlot.Plot();
        foreach (var series in Series)
        {
            series.Validate();
            var scatter = plot.Add.Scatter(series.X.ToArray(), series.Y.ToArray());
            scatter.LegendText = series.Label;
            if (series.Dashed)
            {
                scatter.LinePattern = ScottPlot.LinePattern.Dashed;
            }

            if (series.Black)
            {
                scatter.Color = ScottPlot.Colors.Black;
            }
        }

        plot.Title(Title);
        plot.XLabel(XLabel);
        plot.YLabel(YLabel);
        if (YRange is { } range)
        {
            plot.Axes.SetLimitsY(range.Min, range.Max);
        }

        plot.ShowLegend(Legend switch
        {
            LegendCorner.UpperRight => ScottPlot.Alignment.UpperRight,
            LegendCorner.LowerLeft => ScottPlot.Alignment.LowerLeft,
            LegendCorner.LowerRight => ScottPlot.Alignment.LowerRight,
            _ => ScottPlot.Alignment.UpperLeft,
        });
        plot.SavePng(path, width, height);
    }
}
