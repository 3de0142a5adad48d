using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Agents.Bench;
using Agents.Bench.Plotting;
using Agents.Bench.Pruning;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Pruning;
using LocalModel.Generation;
using LocalModel.Runtime;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents bench pruning</c>: runs <see cref="PruningBenchmark"/>; prints its table and goals, writes JSON and a plot of prefill ratio against visual tokens kept.</summary>
internal static class BenchPruningCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new PruningBenchmarkOptions();
        var common = new BenchModelOptions(defaultThreads: 0, minThreads: 0, withImage: true);
        var methodsOption = CliOptions.Methods("--methods", $"Comma-separated pruning methods. Default: {string.Join(",", PruningBenchmarkOptions.DefaultMethods)}, plus fastv,pyramiddrop on a package with stages; on a package without [CLS] attention (Qwen2.5-VL) the [CLS] methods are left out.");
        var budgetsOption = CliOptions.Budgets("--budgets", $"Comma-separated visual-token budgets (pool-* methods ignore them). Default: {string.Join(",", PruningBenchmarkOptions.DefaultBudgets)}.");
        var repeatsOption = CliOptions.Int("--repeats", "Timed runs per point.", 1, defaults.Repeats);
        var warmupOption = CliOptions.Int("--warmup", "Untimed warm-up runs per point.", 0, defaults.Warmup);
        var plotOption = CliOptions.Text("--plot", "Write a PNG plot of prefill ratio against visual tokens kept.", "png");
        var command = new Command("pruning", "Prefill, TTFT and selector time per visual-token pruning method and budget, against the full budget (interleaved) and FastV's theoretical ratio; table, JSON and plot.")
        {
            methodsOption, budgetsOption, repeatsOption, warmupOption, plotOption,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new PruningBenchmarkOptions
            {
                Methods = parse.ValueIfGiven(methodsOption),
                Budgets = parse.ValueIfGiven(budgetsOption),
                Repeats = parse.GetValue(repeatsOption),
                Warmup = parse.GetValue(warmupOption),
            };
            var packageDir = common.ResolveModel(parse, services);
            using var engine = VlmEngine.Load(packageDir, new VlmEngineOptions { IntraOpThreads = parse.GetValue(common.Threads) }, services.Loggers);
            var m = engine.Package.Manifest;
            foreach (var method in PruningBenchmark.MethodsFor(options, m))
            {
                ModelResolver.RequireStagesFor("--methods", method, packageDir, m);
            }

            if (PruningBenchmark.DefaultMethodsLeftOut(options, m) is { Count: > 0 } leftOut)
            {
                services.Console.Note($"bench pruning: leaving out {string.Join(", ", leftOut)}: the package (family '{m.Family}') has no [CLS] attention outputs{(m.Vision.ImageSize > 0 ? " (build it with --cls-attention-layers for them)" : string.Empty)}; methods that apply before the language model: {string.Join(", ", VisualTokenSelectors.MethodsWithoutClsAttention)}.");
            }

            options.Image = common.LoadImage(parse);
            var perImage = m.Vision.ImageSize > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{m.Vision.VisualTokensPerImage} visual tokens per image")
                : string.Create(CultureInfo.InvariantCulture, $"dynamic resolution, up to {m.Vision.VisualTokensPerImage} visual tokens per image{(options.Image is null ? $" (synthetic {BenchImages.SideFor(m)} px image)" : string.Empty)}");
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench pruning: {engine.Package.Directory} on {engine.ExecutionProvider}, {perImage}, {options.Warmup} warm-up + {options.Repeats} timed runs per point"));
            var result = await BenchProgress.RunAsync(services.Console, progress => PruningBenchmark.RunAsync(engine, options, progress, cancellationToken)).ConfigureAwait(false);
            if (m.Vision.ImageSize == 0)
            {
                services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench pruning: the image gave {result.VisualTokensPerImage} visual tokens"));
            }
            foreach (var note in result.Skipped)
            {
                services.Console.Warn(CliErrors.StripParameterName(note));
            }

            var table = ResultTable.Create("method", "budget", "kept (retain)", ">prefill ms", ">TTFT ms", ">selector ms", ">prefill ratio", ">theoretical", ">meas/theo", ">TTFT ratio");
            foreach (var r in result.Rows)
            {
                table.AddTextRow(
                [
                    r.Method, r.Budget, VisualTokenBudget.Describe(r.Point.Kept, r.Point.Total), F(r.Point.PrefillMs, "F2"), F(r.Point.TtftMs, "F2"), F(r.Point.SelectorMs, "F3"),
                    F(r.PrefillRatio, "F3"), F(r.Theoretical, "F3"), F(r.PrefillRatio / r.Theoretical, "F2"), F(r.TtftRatio, "F3"),
                ]);
            }

            services.Console.Output.Write(table);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {result.PeakWorkingSetBytes / 1048576.0:F1} MiB"));
            PrintGoals(services.Console, result.Rows);
            if (parse.GetValue(common.Json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, result.ToJson(engine.Package.Directory, engine.ExecutionProvider, options.Repeats).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            if (parse.GetValue(plotOption) is { } plotPath)
            {
                WritePlot(plotPath, result.Rows, result.VisualTokensPerImage, m.Name);
                services.Console.Note($"wrote {plotPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void PrintGoals(CliConsole console, IReadOnlyList<PruningBenchmarkRow> rows)
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
            var ratio = r.TtftRatio;
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal: TTFT at 25% kept <= 0.45x full ({r.Method}): {ratio:F3} -> {(ratio <= 0.45 ? "met" : "NOT met")}"));
        }
    }

    private static void WritePlot(string path, IReadOnlyList<PruningBenchmarkRow> rows, int total, string model)
    {
        var chart = new LineChart
        {
            Title = $"Prefill time vs visual tokens kept ({model})",
            XLabel = "visual tokens kept per image",
            YLabel = "prefill time / full-budget prefill time",
        };
        foreach (var group in rows.Where(r => r.Method != "none").GroupBy(r => r.Method))
        {
            var points = group.OrderBy(r => r.Point.Kept).ToArray();
            chart.Series.Add(new LineSeries(group.Key, [.. points.Select(r => (double)r.Point.Kept), total], [.. points.Select(r => r.PrefillRatio), 1.0]));
        }

        var theory = rows.Where(r => !VisualTokenSelectors.IsInLlmMethod(r.Method)).OrderBy(r => r.Point.Kept).ToArray();
        chart.Series.Add(new LineSeries("theoretical (FastV C(n))", [.. theory.Select(r => (double)r.Point.Kept)], [.. theory.Select(r => r.Theoretical)]) { Dashed = true, Black = true });
        chart.SavePng(path, 1000, 620);
    }
}
