using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agents.Bench;
using Agents.Cli.Output;
using LocalModel.Embeddings;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents bench embeddings</c>: sentences per second of the local MiniLM embedding generator at several batch sizes, interleaved in one run.</summary>
internal static class BenchEmbeddingsCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new EmbeddingBenchmarkOptions();
        var modelDefaults = new MiniLmEmbeddingOptions();
        var batchSizes = CliOptions.IntList("--batch-sizes", "Sentences per GenerateAsync call, comma-separated (default 1,32).", "list");
        var repeats = CliOptions.Int("--repeats", "Timed passes per batch size (interleaved; the median is reported).", 1, defaults.Repeats);
        var warmup = CliOptions.Int("--warmup", "Untimed passes per batch size first.", 0, defaults.WarmupRepeats);
        var maxLength = CliOptions.Int("--max-length", "Tokens per sentence, [CLS] and [SEP] included (2..512).", 2, modelDefaults.MaxLength);
        var threads = CliOptions.Int("--threads", "Intra-op threads; 0 lets ONNX Runtime choose.", 0, 0);
        var json = CliOptions.Text("--json", "Also write the results to this file as JSON.", "file");
        var command = new Command("embeddings", "Sentences per second of the local all-MiniLM-L6-v2 embedding generator at batch 1 and 32 (or --batch-sizes), measured interleaved in one run.")
        {
            batchSizes, repeats, warmup, maxLength, threads, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new EmbeddingBenchmarkOptions
            {
                BatchSizes = parse.ValueIfGiven(batchSizes) ?? defaults.BatchSizes,
                Repeats = parse.GetValue(repeats),
                WarmupRepeats = parse.GetValue(warmup),
            };
            options.Validate();
            using var generator = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions
            {
                MaxLength = parse.GetValue(maxLength),
                IntraOpThreads = parse.GetValue(threads),
                BatchSize = Math.Max(options.BatchSizes.Max(), 1),
            });
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench embeddings: {MiniLmEmbeddingGenerator.ModelId} on {generator.ExecutionProvider}, {options.Sentences.Count} sentences, batch sizes {string.Join(",", options.BatchSizes)}, {options.WarmupRepeats} warm-up + {options.Repeats} timed passes each"));
            var result = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var step = progress.Start("embedding passes", (options.WarmupRepeats + options.Repeats) * options.BatchSizes.Count);
                var r = await EmbeddingThroughputBenchmark.RunAsync(generator, options, new StepProgress(step), cancellationToken).ConfigureAwait(false);
                step.Complete();
                return r;
            }).ConfigureAwait(false);

            var table = ResultTable.Create(">batch", ">sentences", ">median pass ms", ">sentences/s", ">slowest", ">fastest");
            foreach (var row in result.Rows)
            {
                table.AddTextRow([I(row.BatchSize), I(row.Sentences), F(row.MedianPassMilliseconds, "F1"), F(row.SentencesPerSecond, "F1"), F(row.SlowestSentencesPerSecond, "F1"), F(row.FastestSentencesPerSecond, "F1")]);
            }

            services.Console.Output.Write(table);
            if (result.Rows.Count > 1)
            {
                services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {result.Rows[^1].BatchSize} / batch {result.Rows[0].BatchSize}: {result.Rows[^1].SentencesPerSecond / result.Rows[0].SentencesPerSecond:F2}x sentences/s"));
            }

            if (parse.GetValue(json) is { } path)
            {
                var rows = new JsonArray();
                foreach (var row in result.Rows)
                {
                    rows.Add(new JsonObject
                    {
                        ["batch_size"] = row.BatchSize,
                        ["sentences"] = row.Sentences,
                        ["repeats"] = row.Repeats,
                        ["median_pass_ms"] = Math.Round(row.MedianPassMilliseconds, 2),
                        ["sentences_per_second"] = Math.Round(row.SentencesPerSecond, 1),
                        ["slowest_sentences_per_second"] = Math.Round(row.SlowestSentencesPerSecond, 1),
                        ["fastest_sentences_per_second"] = Math.Round(row.FastestSentencesPerSecond, 1),
                    });
                }

                var report = new JsonObject { ["model"] = result.ModelId, ["provider"] = result.Provider, ["execution_provider"] = generator.ExecutionProvider, ["rows"] = rows };
                await File.WriteAllTextAsync(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Advances the progress bar once per measured pass.</summary>
    private sealed class StepProgress(IBenchmarkStep step) : IProgress<EmbeddingBenchmarkProgress>
    {
        public void Report(EmbeddingBenchmarkProgress value) => step.Advance();
    }
}
