using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Agents.Cli.Inputs;
using Agents.Evaluation;
using Agents.Evaluation.Reporting;
using Agents.Evaluation.Tasks;
using LocalModel.Chat;
using LocalModel.Embeddings;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Grounding.Ocr;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents eval model</c>: loads one package once and runs every task (<see cref="ModelTaskCatalog"/>) at every
/// pruning method and budget (<see cref="ModelSweep"/>); writes <c>results.json</c>, <c>results.md</c> (the papers'
/// tables) and a plot per task into <c>--out</c>, and prints the summary.
/// </summary>
internal static class EvalModelCommand
{
    public static Command Create(CliServices services)
    {
        var model = CliOptions.Text("--model", "The model: a package folder or a llava-hf checkpoint folder.", "package-or-checkpoint", required: true);
        var data = CliOptions.Text("--data", $"The data folder: {string.Join("; ", ModelTaskCatalog.All.Select(d => $"{d.DataPath} for {d.Name}"))}.", "folder", required: true);
        var output = CliOptions.Text("--out", "The folder for results.json, results.md and <task>.png (created).", "folder", required: true);
        var methods = CliOptions.Methods("--methods", $"Comma-separated pruning methods. Default: {string.Join(",", ModelSweepOptions.DefaultMethods)} (fastv and pyramiddrop need a package built with --stages; without, they are reported unavailable).");
        var budgets = CliOptions.Budgets("--budgets", $"Comma-separated visual-token budgets; 100% (the upper bound) runs once, without pruning. Default: {string.Join(",", ModelSweepOptions.DefaultBudgets)}.");
        var tasks = CliOptions.Text("--tasks", $"Comma-separated tasks: {string.Join(", ", ModelTaskCatalog.Names)}. Default: every task whose data is in --data.", "list");
        var limit = CliOptions.OptionalInt("--limit", "Score only the first N records of each task.");
        var cpu = CliOptions.Flag("--cpu", "Run the model on the CPU even when CUDA is available.");
        var markOrder = CliOptions.Choice("--mark-order", "How the hybrid grounder numbers its marks: reading (top to bottom, left to right; what the embedded default model was trained on) or rank (the matcher's order, mark 1 its best guess).", "reading", "rank");
        var command = new Command("model", "Accuracy against visual tokens kept: every task x pruning method x budget on one loaded model, as the pruning papers tabulate it; JSON, Markdown tables and plots.")
        {
            model, data, output, methods, budgets, tasks, limit, cpu, markOrder,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataFolder = parse.GetValue(data)!;
            var outFolder = parse.GetValue(output)!;
            var count = parse.GetValue(limit);
            if (!Directory.Exists(dataFolder))
            {
                throw new UsageException($"--data '{dataFolder}' is not a folder; lay it out as {string.Join(", ", ModelTaskCatalog.All.Select(d => d.DataPath).Distinct())}.");
            }

            if (count is < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--limit needs an integer >= 1, got '{count}'."));
            }

            var definitions = SelectTasks(parse.GetValue(tasks), dataFolder);
            var packageDir = ModelResolver.Resolve("--model", parse.GetValue(model)!, services.Console, quiet: false);
            using var engine = VlmEngine.Load(packageDir, new VlmEngineOptions { ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, services.Loggers);
            using var chat = new LocalVlmChatClient(engine, ownsEngine: false, loggerFactory: services.Loggers);
            var manifest = engine.Package.Manifest;
            var options = new ModelSweepOptions
            {
                Methods = parse.ValueIfGiven(methods) ?? ModelSweepOptions.DefaultMethods,
                Budgets = parse.ValueIfGiven(budgets) ?? ModelSweepOptions.DefaultBudgets,
                VisualTokensPerImage = manifest.Vision.VisualTokensPerImage,
                HasStagedGraphs = manifest.Text.StageBoundaries.Count > 0,
            };
            var sweep = new ModelSweep(options, services.Loggers.CreateLogger<ModelSweep>());
            using var embeddings = definitions.Any(d => d.NeedsEmbeddings) ? new MiniLmEmbeddingGenerator() : null;
            using var ocr = definitions.Any(d => d.NeedsOcr) ? new TesseractOcrEngine() : null;
            var context = new ModelTaskContext { DataFolder = dataFolder, Limit = count, Embeddings = embeddings, Ocr = ocr, Loggers = services.Loggers, MarksInReadingOrder = parse.GetValue(markOrder) == "reading" };
            var instances = definitions.Select(d => d.Create(context, ModelTaskCatalog.DataOf(d, dataFolder))).ToList();
            var cells = instances.Count * sweep.CellsPerTask;
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"eval model: {engine.Package.Directory} on {engine.ExecutionProvider}, {options.VisualTokensPerImage} visual tokens per image{(options.HasStagedGraphs ? ", staged" : ", no stages (fastv, pyramiddrop unavailable)")}; tasks {string.Join(", ", instances.Select(t => t.Name))}; {cells} cells"));
            var done = 0;
            var progress = new SyncProgress(cell =>
            {
                done++;
                var what = cell.IsAvailable
                    ? string.Create(CultureInfo.InvariantCulture, $"{cell.Accuracy * 100:0.0}% of {cell.Count} in {cell.Seconds:0.0} s")
                    : "unavailable";
                services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"[{done}/{cells}] {cell.Task} {cell.Method} {cell.Budget} ({cell.TokensKept}/{cell.TokensTotal} tokens): {what}"));
            });
            var result = await sweep.RunAsync(chat, instances, engine.Package.Directory, progress, cancellationToken).ConfigureAwait(false);
            var written = await ModelSweepWriter.WriteAsync(result, outFolder, cancellationToken).ConfigureAwait(false);
            foreach (var (name, metric) in result.Tasks)
            {
                services.Console.Output.WriteLine(ModelSweepMarkdown.Table(result, name, metric));
            }

            foreach (var line in ModelSweepSummary.Lines(result))
            {
                services.Console.Output.WriteLine(line);
            }

            services.Console.Note($"wrote {string.Join(", ", written)}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The tasks named by --tasks (their data must exist), or every task whose data exists.</summary>
    internal static IReadOnlyList<ModelTaskDefinition> SelectTasks(string? list, string dataFolder)
    {
        if (list is null)
        {
            var present = ModelTaskCatalog.All.Where(d => ModelTaskCatalog.HasData(d, dataFolder)).ToList();
            return present.Count > 0
                ? present
                : throw new UsageException($"--data '{dataFolder}' holds no task data; expected {string.Join(" or ", ModelTaskCatalog.All.Select(d => d.DataPath).Distinct())} (agents data gui --out {dataFolder}/gui; agents data tools --out {dataFolder}/tools/tools.json).");
        }

        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new UsageException($"--tasks needs at least one of {string.Join(", ", ModelTaskCatalog.Names)}.");
        }

        var selected = new List<ModelTaskDefinition>();
        foreach (var name in names)
        {
            var definition = ModelTaskCatalog.All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--tasks has unknown '{name}'; use one of {string.Join(", ", ModelTaskCatalog.Names)}.");
            if (!ModelTaskCatalog.HasData(definition, dataFolder))
            {
                throw new UsageException($"--tasks {definition.Name} needs '{ModelTaskCatalog.DataOf(definition, dataFolder)}', which does not exist.");
            }

            if (!selected.Contains(definition))
            {
                selected.Add(definition);
            }
        }

        return selected;
    }

    /// <summary>Calls the action on the reporting thread (the sweep runs cells one after another).</summary>
    private sealed class SyncProgress(Action<ModelSweepCell> action) : IProgress<ModelSweepCell>
    {
        public void Report(ModelSweepCell value) => action(value);
    }
}
