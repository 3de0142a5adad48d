using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Agents.Bench;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Embeddings;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Evaluation;
using Plugins.Gui.Evaluation.Reporting;
using Plugins.Gui.Grounding.Ocr;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents eval grounding</c>: scores a GUI grounder (dom, ocr, vision, hybrid) on page tasks (<c>tasks.jsonl</c>,
/// pages rendered in Chromium) or ScreenSpot records (<c>screenspot.json</c>, images only): accuracy per split and
/// overall, misses, mean and median grounding time; optional JSON and HTML report.
/// </summary>
internal static class EvalGroundingCommand
{
    public static Command Create(CliServices services)
    {
        var data = CliOptions.Text("--data", "The records: a tasks.jsonl (page tasks, one JSON object per line, pages beside it) or a ScreenSpot .json array (images beside it or in images/).", "tasks.jsonl|screenspot.json", required: true);
        var grounder = CliOptions.Choice("--grounder", "The grounder: dom (accessibility tree and text, MiniLM embeddings), ocr (Tesseract, pixels only), vision (the VLM on a 0-999 grid; needs --model), hybrid (the VLM picks among dom and ocr candidates; needs --model).", [.. GrounderFactory.Names]);
        var model = CliOptions.Text("--model", "The vision model for vision and hybrid: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL).", "package-or-checkpoint");
        var json = CliOptions.Text("--json", "Also write the results (summaries and one entry per record) to this file as JSON.", "file");
        var report = CliOptions.Text("--report", "Also write an HTML report: every screenshot with the target box (green) and the predicted point (red); images go to <name>_files/ beside it.", "html");
        var limit = CliOptions.OptionalInt("--limit", "Evaluate only the first N records.");
        var cpu = CliOptions.Flag("--cpu", "Run the vision model on the CPU even when CUDA is available.");
        var pruning = CliOptions.Method("--pruning", "Visual-token pruning for the vision and hybrid grounders (pruning_method of every model request), e.g. fastervlm; none for no pruning.");
        var keep = CliOptions.Budget("--keep", "Visual tokens kept per image with --pruning (visual_token_budget): a count (49) or a percentage (25%).");
        var command = new Command("grounding", "Accuracy of a GUI grounder on page tasks or ScreenSpot records: a point inside the target box is right, a miss is wrong; per text/icon split, with mean time per task.")
        {
            data, grounder, model, json, report, limit, cpu, pruning, keep,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataPath = parse.GetValue(data)!;
            var name = parse.GetValue(grounder)!;
            var modelPath = parse.GetValue(model);
            var count = parse.GetValue(limit);
            InputPaths.RequireFile("--data", dataPath, "a tasks.jsonl or screenspot.json file");
            if (Path.GetExtension(dataPath) is not (".jsonl" or ".json"))
            {
                throw new UsageException($"--data '{dataPath}' is neither a .jsonl file of page tasks nor a .json file of ScreenSpot records.");
            }

            if (count is < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--limit needs an integer >= 1, got '{count}'."));
            }

            if (GrounderFactory.NeedsModel(name) && modelPath is null)
            {
                throw new UsageException($"--grounder {name} needs --model <package-or-checkpoint> (the vision model).");
            }

            if (!GrounderFactory.NeedsModel(name) && modelPath is not null)
            {
                throw new UsageException($"--model is used only by the vision and hybrid grounders, not by --grounder {name}.");
            }

            var modelOptions = ModelOptions(name, parse.GetValue(pruning), parse.GetValue(keep));
            var package = modelPath is null ? null : ModelResolver.Resolve("--model", modelPath, services.Console, quiet: false);
            using var embeddings = GrounderFactory.UsesEmbeddings(name) ? new MiniLmEmbeddingGenerator() : null;
            using var ocr = GrounderFactory.NeedsOcr(name) ? new TesseractOcrEngine() : null;
            using var engine = package is null ? null : VlmEngine.Load(package, new VlmEngineOptions { ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, services.Loggers);
            using var chat = engine is null ? null : new LocalVlmChatClient(engine, ownsEngine: false, loggerFactory: services.Loggers);
            var instance = GrounderFactory.Create(name, new GrounderServices { Embeddings = embeddings, Ocr = ocr, ChatClient = chat, Loggers = services.Loggers });
            if (engine is not null && parse.GetValue(pruning) is { } method)
            {
                ModelResolver.RequireStagesFor("--pruning", method, package!, engine.Package.Manifest);
            }

            var evaluator = new GroundingEvaluator(instance, new GroundingEvaluatorOptions { Limit = count, KeepScreenshots = parse.GetValue(report) is not null, ModelOptions = modelOptions }, services.Loggers.CreateLogger<GroundingEvaluator>());
            var pruned = modelOptions is null ? string.Empty : $", pruning {parse.GetValue(pruning)}{(parse.GetValue(keep) is { } k ? " keeping " + k : string.Empty)}";
            services.Console.Note($"eval grounding: {name} on {dataPath}{(count is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (first {count})"))}{pruned}; only the grounder call is timed, after one untimed warm-up call");
            var evaluation = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var reporter = new StepProgress(progress);
                var result = await evaluator.EvaluateAsync(dataPath, reporter, cancellationToken).ConfigureAwait(false);
                reporter.Complete();
                return result;
            }).ConfigureAwait(false);

            var table = ResultTable.Create("split", ">n", ">correct", ">accuracy", ">misses", ">mean ms", ">median ms");
            foreach (var s in evaluation.Splits)
            {
                table.AddTextRow(Row(s));
            }

            table.AddTextRow(Row(evaluation.Overall));
            services.Console.Output.Write(table);
            if (parse.GetValue(json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, evaluation.ToJson(), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                var images = GroundingHtmlReport.Write(evaluation, reportPath);
                services.Console.Note($"wrote {reportPath} (images in {images})");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The chat options carrying --pruning and --keep to the model, or null when neither is given; refuses them for grounders without a model.</summary>
    internal static ChatOptions? ModelOptions(string grounder, string? pruning, VisualTokenBudget? keep)
    {
        if (pruning is null && keep is null)
        {
            return null;
        }

        if (!GrounderFactory.NeedsModel(grounder))
        {
            throw new UsageException($"--pruning and --keep act on the vision model; --grounder {grounder} has none (use vision or hybrid).");
        }

        if (pruning is null)
        {
            throw new UsageException($"--keep {keep} needs --pruning <method> (e.g. --pruning fastervlm).");
        }

        if (keep is not null && pruning.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--keep {keep} cannot go with --pruning none (none keeps every visual token).");
        }

        var properties = new AdditionalPropertiesDictionary { [LocalVlmRequestSettings.PruningMethodKey] = pruning };
        if (keep is not null)
        {
            properties[LocalVlmRequestSettings.VisualTokenBudgetKey] = keep.ToString();
        }

        return new ChatOptions { AdditionalProperties = properties };
    }

    private static string[] Row(GroundingSplitSummary s) =>
    [
        s.Split,
        s.Count.ToString(CultureInfo.InvariantCulture),
        s.Correct.ToString(CultureInfo.InvariantCulture),
        s.Count == 0 ? "-" : (s.Accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + "%",
        s.Misses.ToString(CultureInfo.InvariantCulture),
        s.MeanMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
        s.MedianMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
    ];

    /// <summary>Starts the progress step at the first report (when the record count is known) and advances it per record.</summary>
    private sealed class StepProgress(BenchProgress progress) : IProgress<GroundingProgress>
    {
        private IBenchmarkStep? _step;

        public void Report(GroundingProgress value)
        {
            _step ??= progress.Start("grounding records", value.Total);
            _step.Advance();
        }

        public void Complete() => _step?.Complete();
    }
}
