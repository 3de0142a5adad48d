using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agents.Bench.Plotting;
using Agents.Bench.Runtime;
using Agents.Cli.Inputs;
using Agents.Cli.Output;

namespace Agents.Cli.Commands;

/// <summary><c>agents bench quantization</c>: top-1 agreement and KL of quantized packages against the fp32 package (<see cref="QuantizationAccuracy"/>).</summary>
internal static class BenchQuantizationCommand
{
    public static Command Create(CliServices services)
    {
        var reference = CliOptions.Text("--reference", "The reference package (fp32) of the model.", "package", required: true);
        var compare = CliOptions.Repeated("--compare", "A package of the same model to score against the reference (int8, int4, fused decoder). Repeatable, at least one.", "package");
        var positions = CliOptions.Int("--positions", "Generated positions per prompt (the reference's greedy continuation, teacher-forced).", 1, 64);
        var prompts = CliOptions.Int("--prompts", $"How many of the {QuantizationAccuracy.DefaultPrompts.Count} built-in prompts to use.", 1, QuantizationAccuracy.DefaultPrompts.Count);
        var threads = CliOptions.Int("--threads", "ONNX Runtime intra-op threads.", 1, 2);
        var json = CliOptions.Text("--json", "Also write the results to this file as JSON.", "file");
        var plot = CliOptions.Text("--plot", "Write a PNG plot of top-1 agreement against position.", "png");
        var command = new Command("quantization", "How closely int8/int4 (or fused) packages follow the fp32 package: top-1 agreement at each position of a greedy run (teacher-forced on the fp32 continuation), KL divergence of next-token distributions, and the matching prefix of each package's own greedy run.")
        {
            reference, compare, positions, prompts, threads, json, plot,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var others = parse.GetValue(compare) ?? [];
            if (others.Length == 0)
            {
                throw new UsageException("bench quantization needs at least one --compare package.");
            }

            var referencePackage = ModelResolver.Resolve("--reference", parse.GetValue(reference)!, services.Console, quiet: false);
            var packages = others.Select(o => ModelResolver.Resolve("--compare", o, services.Console, quiet: false)).ToList();
            var count = parse.GetValue(positions);
            var promptList = QuantizationAccuracy.DefaultPrompts.Take(parse.GetValue(prompts)).ToList();
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench quantization: {packages.Count} package(s) against {referencePackage}, {promptList.Count} prompts x {count} positions"));
            var rows = await BenchProgress.RunAsync(services.Console, progress => QuantizationAccuracy.RunAsync(referencePackage, packages, count, promptList, parse.GetValue(threads), progress, cancellationToken)).ConfigureAwait(false);
            var table = ResultTable.Create("package", ">top-1 agreement", ">first 16", ">last 16", ">mean KL (nats)", ">max KL", ">own greedy run: matching prefix");
            foreach (var r in rows)
            {
                var by = r.Top1AgreementByPosition;
                table.AddTextRow([r.Label, F(r.Top1Agreement, "P1"), F(by.Take(16).Average(), "P1"), F(by.Skip(SkipToLast16(by.Count)).Average(), "P1"), F(r.MeanKl, "G3"), F(r.MaxKl, "G3"), F(r.FreeRunMatchingPrefix, "F1") + $" / {count}"]);
            }

            services.Console.Output.Write(table);
            if (parse.GetValue(json) is { } jsonPath)
            {
                var report = new JsonObject
                {
                    ["reference"] = referencePackage,
                    ["prompts"] = promptList.Count,
                    ["positions"] = count,
                    ["packages"] = new JsonArray(rows.Select(r => (JsonNode)r.ToJson()).ToArray()),
                };
                await File.WriteAllTextAsync(jsonPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            if (parse.GetValue(plot) is { } plotPath)
            {
                WritePlot(plotPath, rows, Path.GetFileName(referencePackage.TrimEnd(Path.DirectorySeparatorChar)));
                services.Console.Note($"wrote {plotPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int SkipToLast16(int count) => count > 16 ? count - 16 : 0;

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void WritePlot(string path, IReadOnlyList<QuantizationAccuracyRow> rows, string model)
    {
        var chart = new LineChart
        {
            Title = $"Top-1 agreement with fp32 by position ({model})",
            XLabel = "generated position (teacher-forced on the fp32 greedy continuation)",
            YLabel = "share of prompts with the fp32 argmax",
            YRange = (0, 1.05),
            Legend = LegendCorner.LowerLeft,
        };
        foreach (var r in rows)
        {
            chart.Series.Add(new LineSeries(r.Label, r.Top1AgreementByPosition.Select((_, i) => (double)(i + 1)).ToArray(), r.Top1AgreementByPosition.ToArray()));
        }

        chart.SavePng(path, 1000, 620);
    }
}
