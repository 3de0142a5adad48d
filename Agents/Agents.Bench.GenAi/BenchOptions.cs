using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Agents.Bench.GenAi;

/// <summary>Parsed command line of the GenAI peer benchmark.</summary>
/// <param name="ModelDirectory">Folder holding <c>genai_config.json</c> and the decoder graph.</param>
/// <param name="PromptIds">Prompt token ids, appended as they are (no tokenizer involved).</param>
/// <param name="MaxTokens">Exact number of new tokens to generate.</param>
/// <param name="Warmup">Untimed runs before the timed ones. Default 1.</param>
/// <param name="Repeats">Timed runs; medians are taken over them. Default 5.</param>
/// <param name="Threads">Intra-op thread count, or <see langword="null"/> to keep the configured one.</param>
/// <param name="Json">Print one JSON object instead of a text summary.</param>
internal sealed record BenchOptions(
    string ModelDirectory,
    IReadOnlyList<int> PromptIds,
    int MaxTokens,
    int Warmup,
    int Repeats,
    int? Threads,
    bool Json)
{
    /// <summary>The usage text printed for <c>--help</c> and after a bad argument.</summary>
    public const string Usage =
        "usage: agents-bench-genai --model <dir> --prompt-ids <id,id,...> --max-tokens N\n" +
        "                          [--warmup W (default 1)] [--repeats R (default 5)] [--threads T] [--json]\n" +
        "Greedy generation of exactly N new tokens with ONNX Runtime GenAI on the CPU provider.\n" +
        "--threads sets the decoder's intra-op thread count (default: as genai_config.json says).";

    /// <summary>Parses <paramref name="args"/>; returns <see langword="null"/> when help was asked for.</summary>
    /// <exception cref="BenchUsageException">An argument is missing, unknown or malformed.</exception>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        string? model = null;
        IReadOnlyList<int>? promptIds = null;
        int? maxTokens = null;
        var warmup = 1;
        var repeats = 5;
        int? threads = null;
        var json = false;

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h":
                case "--help":
                    return null;
                case "--model":
                    model = Value(args, ref i);
                    break;
                case "--prompt-ids":
                    promptIds = ParseIds(Value(args, ref i));
                    break;
                case "--max-tokens":
                    maxTokens = ParseInt(args, ref i, minimum: 1);
                    break;
                case "--warmup":
                    warmup = ParseInt(args, ref i, minimum: 0);
                    break;
                case "--repeats":
                    repeats = ParseInt(args, ref i, minimum: 1);
                    break;
                case "--threads":
                    threads = ParseInt(args, ref i, minimum: 1);
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    throw new BenchUsageException($"unknown argument '{args[i]}'.");
            }
        }

        if (model is null)
        {
            throw new BenchUsageException("--model <dir> is required.");
        }

        if (!File.Exists(Path.Combine(model, "genai_config.json")))
        {
            throw new BenchUsageException($"--model: '{model}' must be a folder holding genai_config.json.");
        }

        if (promptIds is null)
        {
            throw new BenchUsageException("--prompt-ids <id,id,...> is required.");
        }

        if (maxTokens is null)
        {
            throw new BenchUsageException("--max-tokens N is required.");
        }

        return new BenchOptions(model, promptIds, maxTokens.Value, warmup, repeats, threads, json);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new BenchUsageException($"{args[i]} needs a value.");
        }

        i++;
        return args[i];
    }

    private static int ParseInt(IReadOnlyList<string> args, ref int i, int minimum)
    {
        var name = args[i];
        var text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new BenchUsageException($"{name} must be an integer >= {minimum}, got '{text}'.");
        }

        return value;
    }

    private static List<int> ParseIds(string text)
    {
        var ids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new BenchUsageException($"--prompt-ids must be comma-separated non-negative integers, got '{part}' in '{text}'.");
            }

            ids.Add(id);
        }

        return ids;
    }
}
