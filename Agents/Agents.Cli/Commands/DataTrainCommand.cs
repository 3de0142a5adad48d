using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.Bench;
using Agents.Cli.Output;
using Agents.Training;
using Agents.Training.Writing;
using LocalModel.Chat;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data train</c>: runs the named training exporters (<see cref="TrainingExporters"/>) and writes their
/// samples, rendered with the chat template, as a training set (<c>examples.jsonl</c>, <c>images/</c>, <c>manifest.json</c>).
/// </summary>
internal static class DataTrainCommand
{
    public static Command Create(CliServices services)
    {
        var output = CliOptions.Text("--out", "The training set folder to write; it must be new or empty unless --overwrite.", "dir", required: true);
        var split = CliOptions.Choice("--split", "The split: train, or heldout (other seeds and unseen combinations).", TrainingExportContext.TrainSplit, TrainingExportContext.HeldOutSplit);
        var seed = CliOptions.Int("--seed", "The seed; the same split, seed and counts write the same set.", int.MinValue, 1);
        var tasks = CliOptions.Text("--tasks", "The exporters and their counts, e.g. gui=2000,faces=1500,tools=2000,actions=300.", "name=N,...", required: true);
        var template = CliOptions.Text("--template", "The chat template the prompts are rendered with (llava-v1, chatml).", "name", LlavaV1ChatTemplate.TemplateName);
        var chromium = CliOptions.Text("--chromium", "The Chromium executable (default: Debian's).", "path");
        var overwrite = CliOptions.Flag("--overwrite", "Replace a non-empty --out folder.");
        var command = new Command("train", "Generate a training set for the embedded model: the exporters' chat requests rendered with the chat template, their answers and images.")
        {
            output, split, seed, tasks, template, chromium, overwrite,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var jobs = ParseTasks(parse.GetValue(tasks)!);
            ChatPromptRenderer renderer;
            try
            {
                renderer = ChatPromptRenderer.ForTemplate(parse.GetValue(template)!);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException("--template: " + ex.Message, ex);
            }

            var splitName = parse.GetValue(split)!;
            var seedValue = parse.GetValue(seed);
            var createdBy = "agents data train " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            TrainingSetWriter writer;
            try
            {
                writer = new TrainingSetWriter(parse.GetValue(output)!, renderer, splitName, seedValue, createdBy, parse.GetValue(overwrite));
            }
            catch (IOException ex)
            {
                throw new UsageException(ex.Message.Replace("TrainingSetWriter overwrite: true", "the API's overwrite: true", StringComparison.Ordinal), ex);
            }

            await using (writer.ConfigureAwait(false))
            {
                services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"data train: {string.Join(", ", jobs.Select(j => $"{j.Name} {j.Count}"))}, split {splitName}, seed {seedValue}, template {renderer.Template.Name}, into {writer.Folder}"));
                var summary = await BenchProgress.RunAsync(services.Console, async progress =>
                {
                    var reporter = new TaskProgress(progress);
                    var result = await new TrainingSetExporter(services.Loggers)
                        .ExportAsync(writer, jobs, splitName, seedValue, parse.GetValue(chromium), reporter, cancellationToken).ConfigureAwait(false);
                    reporter.Complete();
                    return result;
                }).ConfigureAwait(false);

                services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.Examples} examples and {summary.Images} images to {summary.Folder}"));
                services.Console.Output.WriteLine("  per task: " + string.Join(", ", summary.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}"))));
                services.Console.Output.WriteLine($"  examples: {Path.Combine(summary.Folder, TrainingSetWriter.ExamplesFileName)}");
                services.Console.Output.WriteLine($"  manifest: {Path.Combine(summary.Folder, TrainingSetWriter.ManifestFileName)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses <c>name=N,...</c> into jobs, creating each exporter from the registry.</summary>
    /// <exception cref="UsageException">A malformed entry, a repeated or unknown name (the message lists the known ones), or a count below 1.</exception>
    internal static IReadOnlyList<TrainingExportJob> ParseTasks(string text)
    {
        var jobs = new List<TrainingExportJob>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new UsageException($"--tasks: '{entry}' is not name=N with a positive count N (e.g. gui=2000,faces=1500).");
            }

            if (!seen.Add(parts[0]))
            {
                throw new UsageException($"--tasks names '{parts[0]}' twice; give each task once.");
            }

            if (!TrainingExporters.TryCreate(parts[0], out var exporter))
            {
                throw new UsageException($"--tasks: the task '{parts[0]}' is unknown; known: {string.Join(", ", TrainingExporters.Known)}.");
            }

            jobs.Add(new TrainingExportJob(parts[0], exporter, count));
        }

        return jobs.Count > 0 ? jobs : throw new UsageException("--tasks is empty; give name=N entries, e.g. gui=2000,faces=1500.");
    }

    /// <summary>One progress bar per exporter, started when it first reports.</summary>
    private sealed class TaskProgress(IBenchmarkProgress progress) : IProgress<TrainingExportProgress>
    {
        private readonly Dictionary<string, (IBenchmarkStep Step, int Done)> _steps = new(StringComparer.Ordinal);

        public void Report(TrainingExportProgress value)
        {
            if (!_steps.TryGetValue(value.Task, out var state))
            {
                state = (progress.Start(value.Task, value.Total), 0);
            }

            for (var i = state.Done; i < value.Done; i++)
            {
                state.Step.Advance();
            }

            _steps[value.Task] = (state.Step, Math.Max(state.Done, value.Done));
        }

        public void Complete()
        {
            foreach (var (step, _) in _steps.Values)
            {
                step.Complete();
            }
        }
    }
}
