using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Pruning;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agents.Evaluation;

/// <summary>
/// Scores one loaded model on every task x pruning method x budget, the way the pruning papers tabulate accuracy
/// against visual tokens kept. Per task: the full budget once (no pruning keys), shared by every method; then each
/// method at each budget below 100% (<c>pruning_method</c> and <c>visual_token_budget</c> in every request's
/// <c>AdditionalProperties</c>); pool methods fix their own count and run once; FastV and PyramidDrop without staged
/// graphs are reported unavailable, not scored. Runs cells one after another; not thread-safe.
/// </summary>
/// <param name="options">What to run (validated here).</param>
/// <param name="logger">One line per cell at Information.</param>
public sealed partial class ModelSweep(ModelSweepOptions options, ILogger<ModelSweep>? logger = null)
{
    /// <summary>The reason reported for an in-LLM method when the package has no staged graphs.</summary>
    public const string NoStagesReason = "the package has no staged decoder graphs; rebuild it with 'agents model build --stages' to run FastV and PyramidDrop";

    private readonly ModelSweepOptions _options = Validated(options);
    private readonly ILogger _logger = logger ?? NullLogger<ModelSweep>.Instance;

    /// <summary>Gets the budgets below the full budget, as the columns of the tables (duplicates after rounding removed).</summary>
    public IReadOnlyList<SweepBudget> Budgets => BudgetsOf(_options.Budgets, _options.VisualTokensPerImage);

    /// <summary>Gets how many cells a task has: the full budget, plus one per method and budget (one per pool method).</summary>
    public int CellsPerTask => 1 + _options.Methods.Sum(m => IsPool(m) ? 1 : Budgets.Count);

    /// <summary>Runs the sweep.</summary>
    /// <param name="client">The model; shared by every cell, not disposed.</param>
    /// <param name="tasks">The tasks, run in order.</param>
    /// <param name="model">The model's name in the results (e.g. the package folder).</param>
    /// <param name="progress">Told after each cell, or null.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>Every cell.</returns>
    public async Task<ModelSweepResult> RunAsync(IChatClient client, IReadOnlyList<IModelEvaluationTask> tasks, string model, IProgress<ModelSweepCell>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(model);
        var total = _options.VisualTokensPerImage;
        var budgets = Budgets;
        var meter = new VisualTokenMeter(client);
        var cells = new List<ModelSweepCell>();
        foreach (var task in tasks)
        {
            async Task RunCellAsync(string method, string budget, double percent, int expectedKept, Dictionary<string, object?> keys)
            {
                meter.Reset();
                var started = Stopwatch.GetTimestamp();
                var score = await task.RunAsync(meter, keys, cancellationToken).ConfigureAwait(false);
                var cell = new ModelSweepCell
                {
                    Task = task.Name,
                    Metric = task.Metric,
                    Method = method,
                    Budget = budget,
                    BudgetPercent = percent,
                    TokensKept = meter.Kept ?? expectedKept,
                    TokensTotal = total,
                    Accuracy = score.Accuracy,
                    Count = score.Count,
                    Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
                };
                LogCell(_logger, task.Name, method, budget, cell.TokensKept, score.Accuracy, score.Count, cell.Seconds);
                cells.Add(cell);
                progress?.Report(cell);
            }

            await RunCellAsync(ModelSweepCell.FullBudgetMethod, "100%", 100, total, []).ConfigureAwait(false);
            foreach (var method in _options.Methods)
            {
                if (VisualTokenSelectors.IsInLlmMethod(method) && !_options.HasStagedGraphs)
                {
                    foreach (var b in budgets)
                    {
                        var cell = new ModelSweepCell
                        {
                            Task = task.Name, Metric = task.Metric, Method = method, Budget = b.Label, BudgetPercent = b.Percent,
                            TokensKept = b.Kept, TokensTotal = total, Unavailable = NoStagesReason,
                        };
                        cells.Add(cell);
                        progress?.Report(cell);
                    }

                    continue;
                }

                if (IsPool(method))
                {
                    // Pool methods fix their own count (the window size), whatever the budget: one cell.
                    var pooled = PooledCount(method, total);
                    await RunCellAsync(method, pooled.ToString(CultureInfo.InvariantCulture), 100.0 * pooled / total, pooled, new() { [LocalVlmRequestSettings.PruningMethodKey] = method }).ConfigureAwait(false);
                    continue;
                }

                foreach (var b in budgets)
                {
                    await RunCellAsync(method, b.Label, b.Percent, b.Kept, new()
                    {
                        [LocalVlmRequestSettings.PruningMethodKey] = method,
                        [LocalVlmRequestSettings.VisualTokenBudgetKey] = b.Label,
                    }).ConfigureAwait(false);
                }
            }
        }

        return new ModelSweepResult
        {
            Model = model,
            VisualTokensPerImage = total,
            Methods = [.. _options.Methods],
            Budgets = budgets,
            Tasks = [.. tasks.Select(t => (t.Name, t.Metric))],
            Cells = cells,
        };
    }

    /// <summary>
    /// Returns the columns of <paramref name="budgets"/> for <paramref name="total"/> visual tokens: each budget
    /// below the full count with its nominal percent and its kept count (<see cref="VisualTokenBudget.Resolve"/>,
    /// the chat client's rounding), in the order given; budgets keeping everything are dropped.
    /// </summary>
    public static IReadOnlyList<SweepBudget> BudgetsOf(IEnumerable<VisualTokenBudget> budgets, int total)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var columns = new List<SweepBudget>();
        foreach (var budget in budgets)
        {
            var kept = budget.Resolve(total);
            if (kept >= total || columns.Any(c => c.Label == budget.ToString()))
            {
                continue;
            }

            var percent = budget.Fraction is { } f ? f * 100 : 100.0 * kept / total;
            columns.Add(new SweepBudget(budget.ToString(), percent, kept));
        }

        return columns;
    }

    /// <summary>Whether <paramref name="method"/> is a pooling method (its window fixes the count; budgets are ignored).</summary>
    public static bool IsPool(string method) => method.StartsWith("pool", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the tokens a pooling method keeps of <paramref name="total"/> on a square grid (<c>pool-2x2</c>: ceil(side / 2)^2; <c>pool-global</c>: 1; plain <c>pool</c>: 2x2).</summary>
    public static int PooledCount(string method, int total)
    {
        ArgumentNullException.ThrowIfNull(method);
        var side = (int)Math.Round(Math.Sqrt(total));
        var window = method.ToLowerInvariant() switch
        {
            "pool-global" => int.MaxValue,
            "pool-4x4" => 4,
            "pool-8x8" => 8,
            _ => 2,
        };
        if (window == int.MaxValue || side * side != total)
        {
            return window == int.MaxValue ? 1 : Math.Max(1, total / (window * window));
        }

        var pooled = (side + window - 1) / window;
        return pooled * pooled;
    }

    private static ModelSweepOptions Validated(ModelSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Task} {Method} {Budget}: {Kept} tokens, accuracy {Accuracy:0.000} on {Count} in {Seconds:0.0} s")]
    private static partial void LogCell(ILogger logger, string task, string method, string budget, int kept, double accuracy, int count, double seconds);
}
