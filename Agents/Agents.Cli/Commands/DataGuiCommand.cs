using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Agents.Bench;
using Agents.Cli.Output;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Evaluation.Data;
using Plugins.Gui.Evaluation.Generation;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data gui</c>: renders seeded, varied pages in Chromium and writes page tasks (<c>tasks.jsonl</c> with
/// <c>pages/</c>) and the same tasks as ScreenSpot records (<c>screenspot.json</c> with <c>images/</c>).
/// </summary>
internal static class DataGuiCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new GuiDataGeneratorOptions { OutputFolder = "." };
        var output = CliOptions.Text("--out", "The folder to write; it must be new, empty, or an earlier data set (which is replaced).", "dir", required: true);
        var count = CliOptions.Int("--count", "How many tasks to write (about two per page).", 1, defaults.Count);
        var seed = CliOptions.Int("--seed", "The seed; the same seed and count write the same files.", int.MinValue, defaults.Seed);
        var command = new Command("gui", "Generate GUI grounding data: varied pages (forms, toolbars with icons, menus, dialogs, lists, tables, cards, small targets, tall pages) at desktop DPR 1, 1.5, 2 and mobile viewports, as page tasks and ScreenSpot records.")
        {
            output, count, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new GuiDataGeneratorOptions { OutputFolder = parse.GetValue(output)!, Count = parse.GetValue(count), Seed = parse.GetValue(seed) };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message.Replace("GuiDataGeneratorOptions.Count", "--count", StringComparison.Ordinal), ex);
            }

            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"data gui: {options.Count} tasks, seed {options.Seed}, into {options.OutputFolder}"));
            var set = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var reporter = new StepProgress(progress.Start("rendering tasks", options.Count));
                var result = await new GuiDataGenerator(services.Loggers.CreateLogger<GuiDataGenerator>()).GenerateAsync(options, reporter, cancellationToken).ConfigureAwait(false);
                reporter.Complete();
                return result;
            }).ConfigureAwait(false);

            var text = set.Tasks.Count(t => t.Split == GroundingSplit.Text);
            var scrolled = set.Tasks.Count(t => t.ScrollIntoView);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {set.Tasks.Count} tasks ({text} text, {set.Tasks.Count - text} icon, {scrolled} below the fold) on {set.Pages} pages to {set.Folder}"));
            services.Console.Output.WriteLine($"  page tasks: {set.TasksFile}");
            services.Console.Output.WriteLine($"  ScreenSpot: {set.ScreenSpotFile}");
            services.Console.Output.WriteLine("  pages per kind: " + string.Join(", ", set.KindCounts.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value}"))));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Advances the progress bar once per task written.</summary>
    private sealed class StepProgress(IBenchmarkStep step) : IProgress<GuiDataProgress>
    {
        public void Report(GuiDataProgress value) => step.Advance();

        public void Complete() => step.Complete();
    }
}
