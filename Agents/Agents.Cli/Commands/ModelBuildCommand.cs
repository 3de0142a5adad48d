using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Builder;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents model build</c>: writes a model package from a llava-hf or Qwen2.5-VL checkpoint, with a progress bar.</summary>
internal static class ModelBuildCommand
{
    public static Command Create(CliServices services)
    {
        var from = CliOptions.Text("--from", "The checkpoint folder, llava-hf or Qwen2.5-VL hub layout (config.json, model.safetensors or shards, tokenizer, preprocessor_config.json).", "checkpoint-dir", required: true);
        var output = CliOptions.Text("--out", "The package folder to write.", "package-dir", required: true);
        var dtype = CliOptions.Choice("--dtype", "Weight type: fp32, fp16, or int4/int8 (the decoder's and projector's linear layers quantized block-wise as MatMulNBits).", "fp32", "fp16", "int4", "int8");
        var blockSize = CliOptions.Int("--block-size", "int4/int8: input features sharing one scale and zero point (a power of two, 16..256).", 16, 32);
        var accuracy = CliOptions.Int("--accuracy-level", "int4/int8: MatMulNBits accuracy_level; 4 quantizes activations to int8 on CPU (fastest), 1 computes in fp32.", 0, 4);
        var unquantized = CliOptions.Choice("--unquantized-dtype", "int4/int8: storage type of what stays unquantized (embedding, LM head, norms, vision encoder).", "fp32", "fp16");
        var flavour = CliOptions.Choice("--decoder", "Decoder flavour: standard ONNX operators, or fused (ONNX Runtime's GroupQueryAttention, RotaryEmbedding, SkipSimplifiedLayerNormalization; staged graphs stay standard).", "standard", "fused");
        var clsLayers = CliOptions.IntList("--cls-attention-layers", "Vision layers whose [CLS] attention the vision graph also outputs (for [CLS]-scored pruning). Default: the feature layer.", "list");
        var name = CliOptions.Text("--name", "The package name in the manifest. Default: the checkpoint folder's name.", "name");
        var stages = CliOptions.Text("--stages", "Split the decoder into staged graphs at these layers (needed by fastv and pyramiddrop); 'auto' picks boundaries for the layer count. Default: one decoder graph.", "auto|list");
        var genAi = CliOptions.Flag("--with-genai-decoder", "Also write a text-only ONNX Runtime GenAI decoder (genai/), for 'bench runtime'.");
        var overwrite = CliOptions.Flag("--overwrite", "Replace the output folder when it exists and is not empty.");
        var command = new Command("build", "Build a model package from a llava-hf or Qwen2.5-VL checkpoint.") { from, output, dtype, blockSize, accuracy, unquantized, flavour, clsLayers, name, stages, genAi, overwrite };
        command.SetAction((parse, cancellationToken) =>
        {
            var checkpoint = parse.GetValue(from)!;
            var outputDir = parse.GetValue(output)!;
            InputPaths.RequireCheckpoint("--from", checkpoint);

            InputPaths.RequireWritableFolder("--out", outputDir, parse.GetValue(overwrite));
            var options = new PackageBuildOptions
            {
                DType = parse.GetValue(dtype)!,
                QuantizationBlockSize = parse.GetValue(blockSize),
                QuantizationAccuracyLevel = parse.GetValue(accuracy),
                UnquantizedDType = parse.GetValue(unquantized)!,
                DecoderFlavour = parse.GetValue(flavour)!,
                Name = parse.GetValue(name),
                Overwrite = parse.GetValue(overwrite),
                WithGenAiDecoder = parse.GetValue(genAi),
            };
            foreach (var layer in parse.ValueIfGiven(clsLayers) ?? Array.Empty<int>())
            {
                options.ClsAttentionLayers.Add(layer);
            }

            if (parse.GetValue(stages) is { } stageText)
            {
                options.DecoderStageBoundaries = stageText == "auto"
                    ? PackageBuildOptions.AutoStageBoundaries(ModelPackageBuilder.DecoderLayers(checkpoint))
                    : ParseStages(stageText);
            }

            var started = DateTime.UtcNow;
            var builder = new ModelPackageBuilder(services.Loggers);
            var (manifest, _) = BuildProgressDisplay.Run(services.Console, "building package", quiet: false, keepBar: true, progress => builder.Build(checkpoint, outputDir, options, progress, cancellationToken));
            var size = Directory.EnumerateFiles(outputDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            services.Console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Built {manifest.Family} package '{manifest.Name}' ({manifest.DType}) in {Path.GetFullPath(outputDir)}: {size / 1048576.0:F1} MiB, {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
            ModelInfoCommand.WriteSummary(services.Console.Output, manifest);
            return System.Threading.Tasks.Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static int[] ParseStages(string text)
    {
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new UsageException($"--stages needs 'auto' or comma-separated layer numbers, got '{text}'.", ex);
        }
    }
}
