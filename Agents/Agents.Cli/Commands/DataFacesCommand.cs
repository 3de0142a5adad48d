using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Agents.Bench;
using Agents.Cli.Output;
using Plugins.Affect.Evaluation.Faces;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents data faces</c>: draws seeded SVG faces with controlled expressions for the seven face emotions, renders
/// them in Chromium and writes <c>faces.jsonl</c> with <c>images/</c>.
/// </summary>
internal static class DataFacesCommand
{
    public static Command Create(CliServices services)
    {
        var output = CliOptions.Text("--out", "The folder to write faces.jsonl and images/ into (created if missing).", "dir", required: true);
        var count = CliOptions.Int("--count", "How many faces (balanced over the 7 emotions).", 1, 70);
        var seed = CliOptions.Int("--seed", "The seed; the same split, seed and count write the same files.", int.MinValue, 1);
        var split = CliOptions.Choice("--split", "train, or heldout (other streams, and the squircle head shape and/or dusk palette that training never uses).", [FaceGenerator.TrainSplit, FaceGenerator.HeldOutSplit]);
        var command = new Command("faces", "Generate visual affect data: SVG faces (mouth, brows, eyes, tears, sweat, blush, tint, scene cues) for joy, sadness, anger, fear, surprise, disgust and neutral, rendered in Chromium.")
        {
            output, count, seed, split,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(output)!;
            var n = parse.GetValue(count);
            var s = parse.GetValue(seed);
            var name = parse.GetValue(split) ?? FaceGenerator.TrainSplit;
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"data faces: {n} {name} faces, seed {s}, into {folder}"));
            var records = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                var step = progress.Start("rendering faces", n);
                var result = await FaceDataSet.GenerateAsync(folder, name, s, n, null, new StepProgress(step), cancellationToken).ConfigureAwait(false);
                step.Complete();
                return result;
            }).ConfigureAwait(false);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {records.Count} faces to {System.IO.Path.Combine(folder, FaceDataSet.FileName)}"));
            services.Console.Output.WriteLine("  per label: " + string.Join(", ", records.GroupBy(r => r.Label).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Advances the progress bar once per face written.</summary>
    private sealed class StepProgress(IBenchmarkStep step) : IProgress<int>
    {
        public void Report(int value) => step.Advance();
    }
}
