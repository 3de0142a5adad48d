using System;
using System.Globalization;
using LocalModel.Builder;
using Spectre.Console;

namespace Agents.Cli.Output;

/// <summary>
/// Shows a package build's <see cref="BuildProgress"/> on stderr: a Spectre progress bar (bytes written, current
/// stage) on a terminal, one line per stage when stderr is redirected, nothing when quiet.
/// </summary>
internal static class BuildProgressDisplay
{
    /// <summary>Runs <paramref name="build"/>, showing the progress it reports; returns its result and whether it reported any.</summary>
    /// <param name="console">The tool's consoles.</param>
    /// <param name="title">The bar's label.</param>
    /// <param name="quiet">True to show nothing (machine-readable runs).</param>
    /// <param name="keepBar">True to leave the finished bar on screen; false to clear it.</param>
    /// <param name="build">The build, given the progress sink.</param>
    public static (T Result, bool Reported) Run<T>(CliConsole console, string title, bool quiet, bool keepBar, Func<IProgress<BuildProgress>, T> build)
    {
        if (quiet)
        {
            var silent = new Sink(null);
            return (build(silent), silent.Reported);
        }

        if (!console.ErrorIsTerminal)
        {
            var lines = new Sink(p => console.Note(string.Create(CultureInfo.InvariantCulture, $"  {title}: {p.Stage} ({Mib(p.BytesDone)} / {Mib(p.BytesTotal)} MiB)")), stagesOnly: true);
            return (build(lines), lines.Reported);
        }

        var result = default(T)!;
        var reported = false;
        console.Error.Progress()
            .AutoClear(!keepBar)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                var sink = new Sink(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesDone;
                    task.Description = Markup.Escape($"{title}: {p.Stage}");
                });
                result = build(sink);
                reported = sink.Reported;
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return (result, reported);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>Reports synchronously on the builder's thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Sink : IProgress<BuildProgress>
    {
        private readonly Action<BuildProgress>? _report;
        private readonly bool _stagesOnly;
        private string? _stage;

        public Sink(Action<BuildProgress>? report, bool stagesOnly = false)
        {
            _report = report;
            _stagesOnly = stagesOnly;
        }

        public bool Reported { get; private set; }

        public void Report(BuildProgress value)
        {
            Reported = true;
            if (_stagesOnly && value.Stage == _stage)
            {
                return;
            }

            _stage = value.Stage;
            _report?.Invoke(value);
        }
    }
}
