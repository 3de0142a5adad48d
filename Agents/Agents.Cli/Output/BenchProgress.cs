using System;
using System.Threading.Tasks;
using Agents.Bench;
using Spectre.Console;

namespace Agents.Cli.Output;

/// <summary>
/// Progress of a benchmark's measurement phase on stderr: one Spectre bar per step on a terminal, one line per step
/// when stderr is redirected. Results are printed after the phase, so live bars and tables never interleave.
/// </summary>
internal sealed class BenchProgress : IBenchmarkProgress
{
    private readonly CliConsole _console;
    private readonly ProgressContext? _context;

    private BenchProgress(CliConsole console, ProgressContext? context)
    {
        _console = console;
        _context = context;
    }

    /// <summary>Runs <paramref name="measure"/> with a progress display and returns its result.</summary>
    public static async Task<T> RunAsync<T>(CliConsole console, Func<BenchProgress, Task<T>> measure)
    {
        if (!console.ErrorIsTerminal)
        {
            return await measure(new BenchProgress(console, null)).ConfigureAwait(false);
        }

        return await console.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(ctx => measure(new BenchProgress(console, ctx))).ConfigureAwait(false);
    }

    /// <summary>Starts a step of <paramref name="total"/> units (runs, points).</summary>
    public IBenchmarkStep Start(string label, int total)
    {
        if (_context is null)
        {
            _console.Note($"  {label} ({total})");
            return new Step(null);
        }

        return new Step(_context.AddTask(Markup.Escape(label), autoStart: true, maxValue: Math.Max(1, total)));
    }

    /// <summary>One step's bar.</summary>
    private sealed class Step : IBenchmarkStep
    {
        private readonly ProgressTask? _task;

        public Step(ProgressTask? task) => _task = task;

        /// <summary>Counts one unit done.</summary>
        public void Advance() => _task?.Increment(1);

        /// <summary>Marks the step finished.</summary>
        public void Complete()
        {
            if (_task is not null)
            {
                _task.Value = _task.MaxValue;
                _task.StopTask();
            }
        }
    }
}
