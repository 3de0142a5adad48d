using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using LocalModel.Builder;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents model synth</c>: writes a random-weight llava-hf or Qwen2.5-VL checkpoint of a benchmark size.</summary>
internal static class ModelSynthCommand
{
    /// <summary>The tokenizer folder of the LLaVA presets when <c>--tokenizer-from</c> is not given.</summary>
    public const string LlavaTokenizer = "tests/fixtures/tiny-llava";

    /// <summary>The tokenizer folder of the Qwen2.5-VL presets when <c>--tokenizer-from</c> is not given.</summary>
    public const string QwenTokenizer = "tests/fixtures/tiny-qwen2_5_vl";

    public static Command Create(CliServices services)
    {
        var output = CliOptions.Text("--out", "The checkpoint folder to write.", "checkpoint-dir", required: true);
        var preset = CliOptions.Choice(
            "--preset",
            "The size: tiny576 (llava-hf, 336 px, 576 visual tokens, 4-layer 256-wide decoder), small (same vision, 12-layer 768-wide decoder), medium (same vision, 24-layer 1024-wide decoder), "
            + "or qwen-small (Qwen2.5-VL hub layout: 4-block 128-wide vision tower, max_pixels 672x672 = 576 merged tokens, 12-layer 768-wide Qwen2 decoder with M-RoPE).",
            [.. SyntheticLlavaCheckpoint.Presets, .. SyntheticQwen25VlCheckpoint.Presets]);
        var seed = CliOptions.Int("--seed", "Seed of the random weights.", int.MinValue, 1234);
        var tokenizerFrom = CliOptions.Text("--tokenizer-from", $"A folder with the tokenizer files to copy: tokenizer.model or tokenizer.json (vocabulary of 514 or less) for the llava-hf presets, default {LlavaTokenizer}; tokenizer.json with Qwen's added tokens at 509..518 for qwen-*, default {QwenTokenizer}.", "dir");
        var overwrite = CliOptions.Flag("--overwrite", "Write into the output folder even when it exists and is not empty.");
        var command = new Command("synth", "Write a random-weight llava-hf or Qwen2.5-VL checkpoint of a benchmark size.") { output, preset, seed, tokenizerFrom, overwrite };
        command.SetAction((parse, _) =>
        {
            var outputDir = parse.GetValue(output)!;
            var name = parse.GetValue(preset)!;
            var qwen = SyntheticQwen25VlCheckpoint.Presets.Contains(name);
            var tokenizer = parse.GetValue(tokenizerFrom) ?? (qwen ? QwenTokenizer : LlavaTokenizer);
            InputPaths.RequireWritableFolder("--out", outputDir, parse.GetValue(overwrite));
            if (qwen)
            {
                if (!File.Exists(Path.Combine(tokenizer, "tokenizer.json")))
                {
                    throw new UsageException($"--tokenizer-from '{tokenizer}' has no tokenizer.json; pass --tokenizer-from <dir> (e.g. {QwenTokenizer}).");
                }

                try
                {
                    SyntheticQwen25VlCheckpoint.Write(outputDir, name, tokenizer, parse.GetValue(seed));
                }
                catch (InvalidDataException ex)
                {
                    throw new UsageException($"--tokenizer-from: {ex.Message}", ex);
                }

                services.Console.Output.WriteLine($"Wrote synthetic '{name}' Qwen2.5-VL checkpoint (random weights) to {Path.GetFullPath(outputDir)}");
                return Task.FromResult(ExitCodes.Success);
            }

            if (!File.Exists(Path.Combine(tokenizer, "tokenizer.model")) && !File.Exists(Path.Combine(tokenizer, "tokenizer.json")))
            {
                throw new UsageException($"--tokenizer-from '{tokenizer}' has no tokenizer.model or tokenizer.json; pass --tokenizer-from <dir> (e.g. {LlavaTokenizer}).");
            }

            SyntheticLlavaCheckpoint.Write(outputDir, name, tokenizer, parse.GetValue(seed));
            services.Console.Output.WriteLine($"Wrote synthetic '{name}' llava-hf checkpoint (random weights) to {Path.GetFullPath(outputDir)}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
