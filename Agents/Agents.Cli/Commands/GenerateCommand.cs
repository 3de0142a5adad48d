using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Builder;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Pruning;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary><c>agents generate</c>: one completion from a prompt (text or ids) and images.</summary>
internal static class GenerateCommand
{
    public const string Usage = "agents generate --model <package-or-checkpoint-dir> (--prompt <text> | --prompt-ids <ids>) [--image <file>]... [--max-tokens N] [--temperature T] [--top-p P] [--top-k K] [--repetition-penalty R] [--seed S] [--stop <text>]... [--pruning <method>] [--keep <count|percent>] [--pruning-layers <list>] [--keep-positions] [--raw] [--cpu] [--json] [--logits <file>]";

    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(
            args,
            new[] { "--model", "--prompt", "--prompt-ids", "--image", "--max-tokens", "--temperature", "--top-p", "--top-k", "--repetition-penalty", "--seed", "--stop", "--logits", "--pruning", "--keep", "--pruning-layers" },
            new[] { "--json", "--raw", "--cpu", "--keep-positions" });
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{a.Positionals[0]}'. Usage: {Usage}");
        }

        var model = a.Required("--model");
        var prompt = a.Value("--prompt");
        var promptIds = a.Value("--prompt-ids");
        if ((prompt is null) == (promptIds is null))
        {
            throw new UsageException("Give exactly one of --prompt and --prompt-ids.");
        }

        var request = new GenerationRequest
        {
            MaxTokens = a.Int("--max-tokens", 1) ?? 64,
            CapturePrefillLogits = a.Value("--logits") is not null,
            Sampling = new SamplingOptions
            {
                Temperature = a.Float("--temperature", 0f, 100f) ?? 0f,
                TopP = a.Float("--top-p", 1e-6f, 1f) ?? 1f,
                TopK = a.Int("--top-k", 0) ?? 0,
                RepetitionPenalty = a.Float("--repetition-penalty", 1e-3f, 100f) ?? 1f,
                Seed = a.Int("--seed"),
            },
        };
        foreach (var image in a.Values("--image"))
        {
            request.Images.Add(ImageInput.FromFile(image));
        }

        foreach (var stop in a.Values("--stop"))
        {
            request.StopSequences.Add(stop);
        }

        if (PackageCache.IsCheckpoint(model))
        {
            Console.Error.WriteLine($"'{model}' is a HuggingFace checkpoint; building (or reusing) its package in {PackageCache.DefaultRoot}");
            model = PackageCache.Resolve(model);
        }

        using var engine = VlmEngine.Load(model, new VlmEngineOptions { ExecutionProvider = a.Flag("--cpu") ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto }, loggers);
        if (a.Value("--pruning") is not null || a.Value("--keep") is not null)
        {
            var pruning = new PruningOptions { Method = a.Value("--pruning") ?? "fastervlm", KeepOriginalPositions = a.Flag("--keep-positions") };
            if (a.Value("--keep") is { } keep)
            {
                pruning.Budget = VisualTokenBudget.TryParse(keep, out var budget) ? budget : throw new UsageException($"--keep '{keep}' is not a budget; use {VisualTokenBudget.AcceptedForms}.");
            }

            if (a.Value("--pruning-layers") is { } layers)
            {
                pruning.LlmLayers = ArgumentReader.ParseIntList("--pruning-layers", layers);
            }

            if (!VisualTokenSelectors.IsKnown(pruning.Method))
            {
                throw new UsageException($"--pruning '{pruning.Method}' is unknown; use one of: {string.Join(", ", VisualTokenSelectors.MethodNames.Concat(VisualTokenSelectors.InLlmMethodNames))}.");
            }

            PruningSetup.Apply(request, engine.Package.Manifest, pruning);
        }

        if (promptIds is not null)
        {
            request.PromptTokenIds = ArgumentReader.ParseIntList("--prompt-ids", promptIds);
        }
        else
        {
            var m = engine.Package.Manifest;
            request.Prompt = a.Flag("--raw") ? prompt : PromptTemplates.FormatUserTurn(m.ChatTemplate, prompt!, request.Images.Count, m.SpecialTokens.ImageText);
        }

        var json = a.Flag("--json");
        GenerationResult result;
        if (json)
        {
            result = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var text = new System.Text.StringBuilder();
            var ids = new System.Collections.Generic.List<int>();
            GenerationUpdate? last = null;
            await foreach (var update in engine.GenerateStreamingAsync(request, cancellationToken).ConfigureAwait(false))
            {
                Console.Write(update.Text);
                text.Append(update.Text);
                if (update.TokenId >= 0)
                {
                    ids.Add(update.TokenId);
                }

                last = update;
            }

            Console.WriteLine();
            result = new GenerationResult(text.ToString(), ids, last!.FinishReason!.Value, last.Usage!, last.Timings!, engine.ExecutionProvider, last.PrefillLogits);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{result.FinishReason}; {result.Usage.PromptTokens} prompt tokens ({result.Usage.VisualTokensKept}/{result.Usage.VisualTokensTotal} visual), {result.Usage.CompletionTokens} generated; TTFT {result.Timings.TimeToFirstTokenMs:F1} ms, {result.Timings.DecodeTokensPerSecond:F1} tokens/s; {engine.ExecutionProvider}]"));
        }

        if (a.Value("--logits") is { } logitsPath)
        {
            File.WriteAllText(logitsPath, JsonSerializer.Serialize(result.PrefillLogits));
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
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

        return 0;
    }
}
