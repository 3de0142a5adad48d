using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Agents.Bench.Pruning;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Runtime;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench pruning</c>: for each method and budget, median prefill time, TTFT, selector time, the measured
/// prefill ratio against the full budget in the same run, and the theoretical ratio from FastV's cost formula; a
/// console table, optional JSON and a plot of prefill ratio against visual tokens kept.
/// </summary>
internal static class BenchPruningCommand
{
    private static readonly string[] DefaultBudgets = { "100%", "50%", "25%", "11.1%", "5.6%" };
    private static readonly string[] DefaultMethods = { "fastervlm", "vtc-cls", "fopru-rank", "divprune", "bipartite-merge", "uniform", "random", "pool-2x2", "pool-4x4" };

    public static Command Create(CliServices services)
    {
        var common = new BenchModelOptions(defaultThreads: 0, minThreads: 0, withImage: true);
        var methodsOption = CliOptions.Methods("--methods", $"Comma-separated pruning methods. Default: {string.Join(",", DefaultMethods)}, plus fastv,pyramiddrop on a package with stages.");
        var budgetsOption = CliOptions.Budgets("--budgets", $"Comma-separated visual-token budgets (pool-* methods ignore them). Default: {string.Join(",", DefaultBudgets)}.");
        var repeatsOption = CliOptions.Int("--repeats", "Timed runs per point.", 1, 7);
        var warmupOption = CliOptions.Int("--warmup", "Untimed warm-up runs per point.", 0, 2);
        var plotOption = CliOptions.Text("--plot", "Write a PNG plot of prefill ratio against visual tokens kept.", "png");
        var command = new Command("pruning", "Prefill, TTFT and selector time per visual-token pruning method and budget, against the full budget (interleaved) and FastV's theoretical ratio; table, JSON and plot.")
        {
            methodsOption, budgetsOption, repeatsOption, warmupOption, plotOption,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var repeats = parse.GetValue(repeatsOption);
            var warmup = parse.GetValue(warmupOption);
            var budgets = parse.ValueIfGiven(budgetsOption) ?? DefaultBudgets.Select(VisualTokenBudget.Parse).ToArray();
            var packageDir = common.ResolveModel(parse, services);
            using var engine = VlmEngine.Load(packageDir, new VlmEngineOptions { IntraOpThreads = parse.GetValue(common.Threads) }, services.Loggers);
            var m = engine.Package.Manifest;
            var staged = m.Text.StageBoundaries.Count > 0;
            var methods = parse.ValueIfGiven(methodsOption) ?? DefaultMethods.Concat(staged ? VisualTokenSelectors.InLlmMethodNames : Array.Empty<string>()).ToArray();
            foreach (var method in methods)
            {
                ModelResolver.RequireStagesFor("--methods", method, packageDir, m);
            }

            var image = common.LoadImage(parse, m.Vision.ImageSize);
            var prompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "Describe this image in detail.", 1, m.SpecialTokens.ImageText);
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench pruning: {engine.Package.Directory} on {engine.ExecutionProvider}, {m.Vision.VisualTokensPerImage} visual tokens per image, {warmup} warm-up + {repeats} timed runs per point"));
            var points = methods.Sum(method => method.StartsWith("pool", StringComparison.Ordinal) ? 1 : budgets.Length) + 1;
            var skipped = new List<string>();
            var rows = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var step = progress.Start("points (method x budget)", points);

                // Every point is measured interleaved with the full budget (A, B, A, B, ...), and its ratios are taken
                // against those full-budget runs, so drift in machine load hits both sides alike.
                var (full, _) = await MeasurePairAsync(engine, prompt, image, new PruningOptions(), warmup, repeats, cancellationToken).ConfigureAwait(false);
                step.Advance();
                var rows = new List<Row> { new("none", "100%", full, 1.0, 1.0, full) };
                var fullCost = TheoreticalCost(m, full, null);
                foreach (var method in methods)
                {
                    var isPool = method.StartsWith("pool", StringComparison.Ordinal);
                    foreach (var budget in isPool ? new VisualTokenBudget?[] { null } : budgets)
                    {
                        var options = new PruningOptions { Method = method, Budget = budget };
                        try
                        {
                            var (point, baseline) = await MeasurePairAsync(engine, prompt, image, options, warmup, repeats, cancellationToken).ConfigureAwait(false);
                            var theoretical = TheoreticalCost(m, point, VisualTokenSelectors.IsInLlmMethod(method) ? point.Plan : null) / fullCost;
                            rows.Add(new Row(method, budget?.ToString() ?? "-", point, point.PrefillMs / baseline.PrefillMs, theoretical, baseline));
                        }
                        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                        {
                            skipped.Add($"{method} @ {budget}: skipped ({CliErrors.Message(ex)})");
                        }

                        step.Advance();
                    }
                }

                step.Complete();
                return rows;
            }).ConfigureAwait(false);
            foreach (var note in skipped)
            {
                services.Console.Warn(note);
            }

            var table = ResultTable.Create("method", "budget", "kept (retain)", ">prefill ms", ">TTFT ms", ">selector ms", ">prefill ratio", ">theoretical", ">meas/theo", ">TTFT ratio");
            foreach (var r in rows)
            {
                table.AddTextRow(new[]
                {
                    r.Method, r.Budget, VisualTokenBudget.Describe(r.Point.Kept, r.Point.Total), F(r.Point.PrefillMs, "F2"), F(r.Point.TtftMs, "F2"), F(r.Point.SelectorMs, "F3"),
                    F(r.PrefillRatio, "F3"), F(r.Theoretical, "F3"), F(r.PrefillRatio / r.Theoretical, "F2"), F(r.Point.TtftMs / r.Baseline.TtftMs, "F3"),
                });
            }

            services.Console.Output.Write(table);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {process.PeakWorkingSet64 / 1048576.0:F1} MiB"));
            PrintGoals(services.Console, rows);

            if (parse.GetValue(common.Json) is { } jsonPath)
            {
                var json = new JsonObject
                {
                    ["model"] = engine.Package.Directory,
                    ["execution_provider"] = engine.ExecutionProvider,
                    ["visual_tokens_per_image"] = m.Vision.VisualTokensPerImage,
                    ["repeats"] = repeats,
                    ["peak_working_set_mb"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
                    ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["method"] = r.Method,
                        ["budget"] = r.Budget,
                        ["visual_tokens_kept"] = r.Point.Kept,
                        ["visual_tokens_total"] = r.Point.Total,
                        ["prompt_tokens"] = r.Point.PromptTokens,
                        ["prefill_ms_median"] = Math.Round(r.Point.PrefillMs, 3),
                        ["ttft_ms_median"] = Math.Round(r.Point.TtftMs, 3),
                        ["selector_ms_median"] = Math.Round(r.Point.SelectorMs, 4),
                        ["prefill_ratio"] = Math.Round(r.PrefillRatio, 4),
                        ["ttft_ratio"] = Math.Round(r.Point.TtftMs / r.Baseline.TtftMs, 4),
                        ["baseline_prefill_ms_median"] = Math.Round(r.Baseline.PrefillMs, 3),
                        ["theoretical_ratio"] = Math.Round(r.Theoretical, 4),
                        ["working_set_mb"] = Math.Round(r.Point.WorkingSetMb, 1),
                    }).ToArray()),
                };
                await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            if (parse.GetValue(plotOption) is { } plotPath)
            {
                WritePlot(plotPath, rows, m.Vision.VisualTokensPerImage, m.Name);
                services.Console.Note($"wrote {plotPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static async Task<(Point Point, Point Baseline)> MeasurePairAsync(VlmEngine engine, string prompt, ImageInput image, PruningOptions options, int warmup, int repeats, CancellationToken cancellationToken)
    {
        var point = new Samples();
        var baseline = new Samples();
        for (var i = 0; i < warmup + repeats; i++)
        {
            await point.RunAsync(engine, prompt, image, options, record: i >= warmup, cancellationToken).ConfigureAwait(false);
            await baseline.RunAsync(engine, prompt, image, new PruningOptions(), record: i >= warmup, cancellationToken).ConfigureAwait(false);
        }

        return (point.ToPoint(), baseline.ToPoint());
    }

    /// <summary>FastV's C(n) summed over decoder layers, with each layer's token count under the plan.</summary>
    private static double TheoreticalCost(LocalModel.Packaging.ModelManifest m, Point p, LlmPruningPlan? plan)
    {
        var t = m.Text;
        var mlp = t.IntermediateSize > 0 ? t.IntermediateSize : 4 * t.HiddenSize;
        if (plan is null)
        {
            return PrefillCostModel.DecoderCost(p.PromptTokens, t.NumLayers, t.HiddenSize, mlp);
        }

        var text = p.PromptTokens - p.Total;
        var visual = p.Total;
        var perLayer = new int[t.NumLayers];
        for (var l = 0; l < t.NumLayers; l++)
        {
            var step = plan.Steps.FirstOrDefault(s => s.Layer == l);
            if (step is not null && visual > 0)
            {
                visual = Math.Clamp((int)Math.Round(step.KeepFraction * visual, MidpointRounding.AwayFromZero), 1, visual);
            }

            perLayer[l] = text + visual;
        }

        return PrefillCostModel.DecoderCost(perLayer, t.HiddenSize, mlp);
    }

    private static void PrintGoals(CliConsole console, List<Row> rows)
    {
        var measured = rows.Where(r => r.Method != "none").ToList();
        if (measured.Count == 0)
        {
            return;
        }

        var worst = measured.Max(r => r.PrefillRatio / r.Theoretical);
        var selectorShare = measured.Max(r => r.Point.SelectorMs / r.Point.TtftMs);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal: measured/theoretical prefill ratio <= 1.25 at every point: worst {worst:F2} -> {(worst <= 1.25 ? "met" : "NOT met")}"));
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal: selector time < 2% of TTFT: worst {selectorShare:P2} -> {(selectorShare < 0.02 ? "met" : "NOT met")}"));
        foreach (var r in measured.Where(r => r.Budget == "25%"))
        {
            var ratio = r.Point.TtftMs / r.Baseline.TtftMs;
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal: TTFT at 25% kept <= 0.45x full ({r.Method}): {ratio:F3} -> {(ratio <= 0.45 ? "met" : "NOT met")}"));
        }
    }

    private static void WritePlot(string path, List<Row> rows, int total, string model)
    {
        var plot = new ScottPlot.Plot();
        foreach (var group in rows.Where(r => r.Method != "none").GroupBy(r => r.Method))
        {
            var points = group.OrderBy(r => r.Point.Kept).ToArray();
            var xs = points.Select(r => (double)r.Point.Kept).Append(total).ToArray();
            var ys = points.Select(r => r.PrefillRatio).Append(1.0).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = group.Key;
        }

        var theory = rows.Where(r => !VisualTokenSelectors.IsInLlmMethod(r.Method)).OrderBy(r => r.Point.Kept).ToArray();
        var line = plot.Add.Scatter(theory.Select(r => (double)r.Point.Kept).ToArray(), theory.Select(r => r.Theoretical).ToArray());
        line.LegendText = "theoretical (FastV C(n))";
        line.LinePattern = ScottPlot.LinePattern.Dashed;
        line.Color = ScottPlot.Colors.Black;
        plot.Title($"Prefill time vs visual tokens kept ({model})");
        plot.XLabel("visual tokens kept per image");
        plot.YLabel("prefill time / full-budget prefill time");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 1000, 620);
    }

    private sealed class Samples
    {
        private readonly List<double> _prefill = new();
        private readonly List<double> _ttft = new();
        private readonly List<double> _selector = new();
        private GenerationResult? _last;
        private LlmPruningPlan? _plan;

        public async Task RunAsync(VlmEngine engine, string prompt, ImageInput image, PruningOptions options, bool record, CancellationToken cancellationToken)
        {
            var request = new GenerationRequest { Prompt = prompt, MaxTokens = 1, IgnoreEndOfSequence = true };
            request.Images.Add(image);
            PruningSetup.Apply(request, engine.Package.Manifest, options);
            _plan = request.LlmPruning;
            _last = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
            if (record)
            {
                _prefill.Add(_last.Timings.PrefillMs);
                _ttft.Add(_last.Timings.TimeToFirstTokenMs);
                _selector.Add(_last.Timings.SelectionMs);
            }
        }

        public Point ToPoint()
        {
            using var process = Process.GetCurrentProcess();
            return new Point(BenchStatistics.Median(_prefill), BenchStatistics.Median(_ttft), BenchStatistics.Median(_selector), _last!.Usage.VisualTokensKept, _last.Usage.VisualTokensTotal, _last.Usage.PromptTokens, process.WorkingSet64 / 1048576.0, _plan);
        }
    }

    private sealed record Point(double PrefillMs, double TtftMs, double SelectorMs, int Kept, int Total, int PromptTokens, double WorkingSetMb, LlmPruningPlan? Plan);

    private sealed record Row(string Method, string Budget, Point Point, double PrefillRatio, double Theoretical, Point Baseline);
}
