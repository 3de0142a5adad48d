using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using LocalModel.Builder;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents model synth</c>: writes a random-weight llava-hf checkpoint of a benchmark size.</summary>
internal static class ModelSynthCommand
{
    public static Command Create(CliServices services)
    {
        var output = CliOptions.Text("--out", "The checkpoint folder to write.", "checkpoint-dir", required: true);
        var preset = CliOptions.Choice("--preset", "The size: tiny576 (336 px, 576 visual tokens, 4-layer 256-wide decoder) or small (same vision, 12-layer 768-wide decoder).", [.. SyntheticLlavaCheckpoint.Presets]);
        var seed = CliOptions.Int("--seed", "Seed of the random weights.", int.MinValue, 1234);
        var tokenizerFrom = CliOptions.Text("--tokenizer-from", "A folder with tokenizer.model or tokenizer.json (vocabulary of 514 or less) to copy.", "dir", "tests/fixtures/tiny-llava");
        var overwrite = CliOptions.Flag("--overwrite", "Write into the output folder even when it exists and is not empty.");
        var command = new Command("synth", "Write a random-weight llava-hf checkpoint of a benchmark size.") { output, preset, seed, tokenizerFrom, overwrite };
        command.SetAction((parse, _) =>
        {
            var outputDir = parse.GetValue(output)!;
            var tokenizer = parse.GetValue(tokenizerFrom)!;
            InputPaths.RequireWritableFolder("--out", outputDir, parse.GetValue(overwrite));
            if (!File.Exists(Path.Combine(tokenizer, "tokenizer.model")) && !File.Exists(Path.Combine(tokenizer, "tokenizer.json")))
            {
                throw new UsageException($"--tokenizer-from '{tokenizer}' has no tokenizer.model or tokenizer.json; pass --tokenizer-from <dir> (e.g. tests/fixtures/tiny-llava).");
            }

            SyntheticLlavaCheckpoint.Write(outputDir, parse.GetValue(preset)!, tokenizer, parse.GetValue(seed));
            services.Console.Output.WriteLine($"Wrote synthetic '{parse.GetValue(preset)}' llava-hf checkpoint (random weights) to {Path.GetFullPath(outputDir)}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
