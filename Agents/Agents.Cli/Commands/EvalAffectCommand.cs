using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Agents.Bench;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;
using Plugins.Affect.Evaluation;
using Plugins.Affect.Evaluation.Faces;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents eval affect</c>: scores the visual emotion reader with a model package on a faces data set: accuracy
/// overall and per label, unusable answers, the confusion matrix and mean time per face; optional JSON.
/// </summary>
internal static class EvalAffectCommand
{
    public static Command Create(CliServices services)
    {
        var data = CliOptions.Text("--data", "The faces data: a folder with faces.jsonl and images/ (from 'agents data faces').", "dir", required: true);
        var model = CliOptions.Text("--model", "The vision model: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL).", "package-or-checkpoint", required: true);
        var pruning = CliOptions.Method("--pruning", "The visual-token pruning method sent to the model (pruning_method).");
        var keep = CliOptions.Budget("--keep", "Visual tokens kept per image (visual_token_budget): a count or a percentage.");
        var json = CliOptions.Text("--json", "Also write the results (scores, confusion matrix, one entry per face) to this file as JSON.", "file");
        var limit = CliOptions.OptionalInt("--limit", "Evaluate only the first N faces.");
        var cpu = CliOptions.Flag("--cpu", "Run the model on the CPU even when CUDA is available.");
        var command = new Command("affect", "Accuracy of the visual emotion reader on generated faces (7 emotions): a parsed answer naming the true label is right; an unusable answer is wrong.")
        {
            data, model, pruning, keep, json, limit, cpu,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataPath = parse.GetValue(data)!;
            var count = parse.GetValue(limit);
            if (!Directory.Exists(dataPath) && !File.Exists(dataPath))
            {
                throw new UsageException($"--data '{dataPath}' does not exist; give a folder made by 'agents data faces'.");
            }

            if (count is < 1)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--limit needs an integer >= 1, got '{count}'."));
            }

            var records = FaceDataSet.Read(dataPath);
            var package = ModelResolver.Resolve("--model", parse.GetValue(model)!, services.Console, quiet: false);
            using var engine = VlmEngine.Load(package, new VlmEngineOptions { ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, services.Loggers);
            using var chat = new LocalVlmChatClient(engine, ownsEngine: false, loggerFactory: services.Loggers);
            var options = new VisualEmotionEvaluatorOptions { Limit = count, PruningMethod = parse.GetValue(pruning), VisualTokenBudget = parse.GetValue(keep)?.ToString() };
            var evaluator = new VisualEmotionEvaluator(chat, options, services.Loggers.CreateLogger<VisualEmotionEvaluator>());
            var folder = Directory.Exists(dataPath) ? dataPath : Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
            services.Console.Note($"eval affect: {records.Count} faces in {dataPath}{(count is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (first {count})"))}, pruning {options.PruningMethod ?? "default"}, keep {options.VisualTokenBudget ?? "all"}");
            var evaluation = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var reporter = new StepProgress(progress);
                var result = await evaluator.EvaluateAsync(records, folder, reporter, cancellationToken).ConfigureAwait(false);
                reporter.Complete();
                return result;
            }).ConfigureAwait(false);

            var table = ResultTable.Create("label", ">n", ">correct", ">accuracy");
            foreach (var s in evaluation.PerLabel)
            {
                table.AddTextRow([s.Label, N(s.Count), N(s.Correct), Percent(s.Count, s.Accuracy)]);
            }

            table.AddTextRow(["overall", N(evaluation.Count), N(evaluation.Correct), Percent(evaluation.Count, evaluation.Accuracy)]);
            services.Console.Output.Write(table);
            var confusion = ResultTable.Create(["true \\ read", .. evaluation.Labels.Select(l => ">" + l[..Math.Min(4, l.Length)]), ">unusable"]);
            for (var i = 0; i < evaluation.Labels.Count; i++)
            {
                confusion.AddTextRow([evaluation.Labels[i], .. evaluation.Confusion[i].Select(N)]);
            }

            services.Console.Output.Write(confusion);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unusable answers {evaluation.Unusable}, mean {evaluation.MeanMilliseconds:F1} ms per face"));
            if (parse.GetValue(json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, evaluation.ToJson(), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(int count, double accuracy) => count == 0 ? "-" : (accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>Starts the progress step at the first report (when the count is known) and advances it per face.</summary>
    private sealed class StepProgress(BenchProgress progress) : IProgress<(int Done, int Total)>
    {
        private IBenchmarkStep? _step;

        public void Report((int Done, int Total) value)
        {
            _step ??= progress.Start("faces", value.Total);
            _step.Advance();
        }

        public void Complete() => _step?.Complete();
    }
}
