using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Runtime;

namespace Agents.Cli.Commands;

/// <summary><c>agents generate</c>: one completion from a prompt (text, a text file, stdin or ids) and images.</summary>
internal static class GenerateCommand
{
    /// <summary>The default of <c>--max-tokens</c>.</summary>
    public const int DefaultMaxTokens = 64;

    /// <summary>The method <c>--keep</c> uses when <c>--pruning</c> is not given, on packages with [CLS] attention (otherwise <see cref="PruningSetup.DefaultMethod"/>: visionzip).</summary>
    public const string DefaultPruningMethod = "fastervlm";

    public static Command Create(CliServices services)
    {
        var model = CliOptions.Text("--model", "The package folder, or a checkpoint folder (llava-hf or Qwen2.5-VL) (built once into the package cache).", "package-or-checkpoint", required: true);
        var prompt = CliOptions.Text("--prompt", "The user's message, wrapped in the package's chat template (unless --raw) with one image placeholder per --image.", "text");
        var promptFile = CliOptions.Text("--prompt-file", "Read the prompt (as --prompt) from a UTF-8 text file; '-' reads standard input.", "path|-");
        var promptIds = CliOptions.IntList("--prompt-ids", "Raw prompt token ids; the image token id marks where each image goes. No chat template.", "ids");
        var images = CliOptions.Repeated("--image", "An image file (PNG, JPEG, ...); repeat for several images.", "file");
        var maxTokens = CliOptions.Int("--max-tokens", "The most tokens to generate.", 1, DefaultMaxTokens);
        var temperature = CliOptions.Float("--temperature", "Sampling temperature; 0 is greedy.", 0f, 100f, 0f);
        var topP = CliOptions.Float("--top-p", "Nucleus sampling: keep the smallest set of tokens whose probability reaches P.", 1e-6f, 1f, 1f);
        var topK = CliOptions.Int("--top-k", "Keep only the K most likely tokens; 0 keeps all.", 0, 0);
        var repetitionPenalty = CliOptions.Float("--repetition-penalty", "Divide the logits of tokens already in the sequence by R (1 = off).", 1e-3f, 100f, 1f);
        var seed = CliOptions.OptionalInt("--seed", "Sampling seed. Default: a random one.");
        var stops = CliOptions.Repeated("--stop", "Stop when the output ends with this text (not included); repeatable.", "text");
        var pruning = CliOptions.Method("--pruning", $"Visual-token pruning method. Default: none, or {DefaultPruningMethod} when --keep is given (visionzip on packages without [CLS] attention, such as Qwen2.5-VL). One of: {CliOptions.KnownMethods} (fastv and pyramiddrop need a package built with --stages).");
        var keep = CliOptions.Budget("--keep", $"Visual tokens to keep per image: {VisualTokenBudget.AcceptedForms}. Default: all (pool-* methods fix their own count).");
        var pruningLayers = CliOptions.IntList("--pruning-layers", "Decoder layers where fastv / pyramiddrop prune (must be stage boundaries of the package).", "list");
        var keepPositions = CliOptions.Flag("--keep-positions", "Kept visual tokens keep their original position ids instead of being renumbered.");
        var raw = CliOptions.Flag("--raw", "Send --prompt / --prompt-file as it is, without the chat template.");
        var cpu = CliOptions.Flag("--cpu", "Run on the CPU even when CUDA is available.");
        var json = CliOptions.Flag("--json", "Print one JSON object (text, token ids, finish reason, usage, timings, execution provider) instead of streaming.");
        var logits = CliOptions.Text("--logits", "Write the last prompt position's logits to this file as a JSON array.", "file");
        var command = new Command("generate", "Generate text from a prompt and images.")
        {
            model, prompt, promptFile, promptIds, images, maxTokens, temperature, topP, topK, repetitionPenalty, seed, stops, pruning, keep, pruningLayers, keepPositions, raw, cpu, json, logits,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var promptText = parse.GetValue(prompt);
            var promptPath = parse.GetValue(promptFile);
            var ids = parse.ValueIfGiven(promptIds);
            if ((promptText is null ? 0 : 1) + (promptPath is null ? 0 : 1) + (ids is null ? 0 : 1) != 1)
            {
                throw new UsageException("Give exactly one of --prompt, --prompt-file and --prompt-ids.");
            }

            var imagePaths = parse.GetValue(images)!;
            foreach (var image in imagePaths)
            {
                InputPaths.RequireFile("--image", image, "an image file");
            }

            if (promptPath is not null)
            {
                promptText = InputPaths.ReadPrompt("--prompt-file", promptPath);
            }

            var asJson = parse.GetValue(json);
            var request = new GenerationRequest
            {
                MaxTokens = parse.GetValue(maxTokens),
                CapturePrefillLogits = parse.GetValue(logits) is not null,
                Sampling = new SamplingOptions
                {
                    Temperature = parse.GetValue(temperature),
                    TopP = parse.GetValue(topP),
                    TopK = parse.GetValue(topK),
                    RepetitionPenalty = parse.GetValue(repetitionPenalty),
                    Seed = parse.GetValue(seed),
                },
            };
            foreach (var image in imagePaths)
            {
                request.Images.Add(ImageInput.FromFile(image));
            }

            foreach (var stop in parse.GetValue(stops)!)
            {
                request.StopSequences.Add(stop);
            }

            var packageDir = ModelResolver.Resolve("--model", parse.GetValue(model)!, services.Console, quiet: asJson);
            using var engine = VlmEngine.Load(packageDir, new VlmEngineOptions { ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, services.Loggers);
            var m = engine.Package.Manifest;
            var budget = parse.GetValue(keep);
            if (parse.GetValue(pruning) is not null || budget is not null)
            {
                var options = new PruningOptions { Method = parse.GetValue(pruning) ?? PruningSetup.DefaultMethod(m), KeepOriginalPositions = parse.GetValue(keepPositions) };
                ModelResolver.RequireStagesFor("--pruning", options.Method, packageDir, m);
                if (budget is not null)
                {
                    options.Budget = budget;
                    if (budget.Count > m.Vision.VisualTokensPerImage && !m.Preprocessing.IsDynamicResolution)
                    {
                        services.Console.Warn(string.Create(CultureInfo.InvariantCulture, $"--keep {budget.Count} is more than the {m.Vision.VisualTokensPerImage} visual tokens of an image ({m.Vision.GridHeight}x{m.Vision.GridWidth} grid); every visual token is kept."));
                    }
                }

                if (parse.ValueIfGiven(pruningLayers) is { } layers)
                {
                    options.LlmLayers = layers;
                }

                PruningSetup.Apply(request, m, options);
            }

            if (ids is not null)
            {
                request.PromptTokenIds = ids;
            }
            else
            {
                request.Prompt = parse.GetValue(raw) ? promptText : PromptTemplates.FormatUserTurn(m.ChatTemplate, promptText!, request.Images.Count, m.SpecialTokens.ImageText);
            }

            var result = asJson
                ? await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false)
                : await StreamAsync(engine, request, services, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(logits) is { } logitsPath)
            {
                await File.WriteAllTextAsync(logitsPath, JsonSerializer.Serialize(result.PrefillLogits), cancellationToken).ConfigureAwait(false);
            }

            if (asJson)
            {
                System.Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    text = result.Text,
                    token_ids = result.TokenIds,
                    finish_reason = result.FinishReason.ToString(),
                    usage = new
                    {
                        prompt_tokens = result.Usage.PromptTokens,
                        visual_tokens_total = result.Usage.VisualTokensTotal,
                        visual_tokens_kept = result.Usage.VisualTokensKept,
                        completion_tokens = result.Usage.CompletionTokens,
                    },
                    timings = new
                    {
                        ttft_ms = result.Timings.TimeToFirstTokenMs,
                        prefill_ms = result.Timings.PrefillMs,
                        decode_tokens_per_s = result.Timings.DecodeTokensPerSecond,
                    },
                    execution_provider = result.ExecutionProvider,
                }));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Streams the completion to stdout as it is generated, then a summary line to stderr.</summary>
    private static async Task<GenerationResult> StreamAsync(VlmEngine engine, GenerationRequest request, CliServices services, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var ids = new List<int>();
        GenerationUpdate? last = null;
        await foreach (var update in engine.GenerateStreamingAsync(request, cancellationToken).ConfigureAwait(false))
        {
            System.Console.Out.Write(update.Text);
            text.Append(update.Text);
            if (update.TokenId >= 0)
            {
                ids.Add(update.TokenId);
            }

            last = update;
        }

        System.Console.Out.WriteLine();
        var result = new GenerationResult(text.ToString(), ids, last!.FinishReason!.Value, last.Usage!, last.Timings!, engine.ExecutionProvider, last.PrefillLogits);
        services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"[{result.FinishReason}; {result.Usage.PromptTokens} prompt tokens ({result.Usage.VisualTokensKept}/{result.Usage.VisualTokensTotal} visual), {result.Usage.CompletionTokens} generated; TTFT {result.Timings.TimeToFirstTokenMs:F1} ms, {result.Timings.DecodeTokensPerSecond:F1} tokens/s; {engine.ExecutionProvider}]"));
        return result;
    }
}
