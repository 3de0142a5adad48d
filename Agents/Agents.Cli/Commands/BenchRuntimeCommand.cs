using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench runtime</c>: prefill, TTFT, decode speed, engine overhead, managed allocation per decode
/// token and peak working set, medians over repeats; then the same text-only greedy work on ONNX Runtime GenAI
/// (in its own process) with the ratio of decode speeds measured in this one run.
/// </summary>
internal static class BenchRuntimeCommand
{
    public const string Usage = "agents bench runtime --model <package-dir> [--image <file>] [--max-tokens N] [--repeats R] [--warmup W] [--threads T] [--peer <agents-bench-genai.dll> | --no-peer] [--json <file>]";
    private const string TextPrompt = "Describe a quiet harbour at dawn: the boats, the water, the light and the sounds.";

    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(args, new[] { "--model", "--image", "--max-tokens", "--repeats", "--warmup", "--threads", "--peer", "--json" }, new[] { "--no-peer" });
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{a.Positionals[0]}'. Usage: {Usage}");
        }

        var model = a.Required("--model");
        var maxTokens = a.Int("--max-tokens", 2) ?? 64;
        var repeats = a.Int("--repeats", 1) ?? 15;
        var warmup = a.Int("--warmup", 0) ?? 3;
        var threads = a.Int("--threads", 1) ?? 1;
        using var engine = VlmEngine.Load(model, new VlmEngineOptions { IntraOpThreads = threads }, loggers);
        var m = engine.Package.Manifest;
        var image = a.Value("--image") is { } path ? ImageInput.FromFile(path) : BenchImages.Synthetic(m.Vision.ImageSize);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench runtime: {engine.Package.Directory} on {engine.ExecutionProvider}, {threads} intra-op thread(s), {maxTokens} new tokens, {warmup} warm-up + {repeats} timed runs"));

        // 1. Image + text prompt through the whole engine.
        var imagePrompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "Describe this image in detail.", 1, m.SpecialTokens.ImageText);
        var imageRuns = await RepeatAsync(engine, () => Request(imagePrompt, null, image, maxTokens), warmup, repeats, "image prompt", cancellationToken).ConfigureAwait(false);

        // 2. Text-only prompt: the same work the GenAI peer does.
        var textIds = engine.Tokenizer.Encode(PromptTemplates.FormatUserTurn(m.ChatTemplate, TextPrompt, 0, m.SpecialTokens.ImageText), addBos: true);
        var textRuns = await RepeatAsync(engine, () => Request(null, textIds, null, maxTokens), warmup, repeats, "text prompt", cancellationToken).ConfigureAwait(false);

        // 3. Managed bytes per decode token once warm: the difference between a long and a short generation.
        var extra = Math.Max(64, maxTokens);
        var shortAlloc = await AllocatedBytesAsync(engine, textIds, 8, cancellationToken).ConfigureAwait(false);
        var longAlloc = await AllocatedBytesAsync(engine, textIds, 8 + extra, cancellationToken).ConfigureAwait(false);
        var bytesPerToken = Math.Max(0, (longAlloc - shortAlloc) / (double)extra);

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakWorkingSet = process.PeakWorkingSet64;

        var report = new JsonObject
        {
            ["model"] = engine.Package.Directory,
            ["execution_provider"] = engine.ExecutionProvider,
            ["intra_op_threads"] = threads,
            ["new_tokens"] = maxTokens,
            ["repeats"] = repeats,
            ["machine"] = $"{Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}",
            ["image_prompt"] = Summary(imageRuns),
            ["text_prompt"] = Summary(textRuns),
            ["managed_bytes_per_decode_token"] = Math.Round(bytesPerToken, 1),
            ["peak_working_set_mb"] = Math.Round(peakWorkingSet / 1048576.0, 1),
        };

        Console.WriteLine();
        Console.WriteLine("workload       prompt  prefill ms  TTFT ms  decode tok/s  overhead(decode)  overhead(total)");
        PrintRow("image+text", imageRuns);
        PrintRow("text only", textRuns);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed allocation per decode token (warm, incl. streamed text): {bytesPerToken:F1} bytes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {peakWorkingSet / 1048576.0:F1} MiB"));

        if (!a.Flag("--no-peer"))
        {
            // Interleave: peer block, our block, three times, so drift in machine load hits both alike.
            const int Rounds = 5;
            var ourRates = new List<double>();
            var theirRates = new List<double>();
            JsonObject? peer = null;
            List<GenerationResult>? ours = null;
            for (var round = 0; round < Rounds && peer?["skipped"] is null; round++)
            {
                peer = RunPeer(engine, a.Value("--peer"), textIds, maxTokens, warmup, repeats, threads);
                if (peer["skipped"] is not null)
                {
                    break;
                }

                theirRates.Add(peer["decode_tokens_per_s_median"]!.GetValue<double>());
                ours = await RepeatAsync(engine, () => Request(null, textIds, null, maxTokens), 1, repeats, $"text prompt (round {round + 1})", cancellationToken).ConfigureAwait(false);
                ourRates.Add(BenchStatistics.Median(ours.Select(r => r.Timings.DecodeTokensPerSecond)));
            }

            report["genai_peer"] = peer;
            if (ours is not null && theirRates.Count > 0)
            {
                var oursMedian = BenchStatistics.Median(ourRates);
                var theirsMedian = BenchStatistics.Median(theirRates);
                var ratio = oursMedian / theirsMedian;
                var oursIds = ours[0].TokenIds;
                var theirIds = peer!["token_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
                report["decode_tokens_per_s_ours_rounds"] = new JsonArray(ourRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
                report["decode_tokens_per_s_genai_rounds"] = new JsonArray(theirRates.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
                report["decode_ratio_ours_over_genai"] = Math.Round(ratio, 3);
                report["same_token_ids_as_genai"] = oursIds.SequenceEqual(theirIds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime GenAI vs ours, same decoder weights, text prompt of {textIds.Length} tokens, greedy, {maxTokens} new tokens, {Rounds} interleaved rounds:"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  decode tok/s per round  GenAI {string.Join(" / ", theirRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}   ours {string.Join(" / ", ourRates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  decode speed ours / GenAI = {ratio:F3} (medians {oursMedian:F0} / {theirsMedian:F0}; same token ids: {oursIds.SequenceEqual(theirIds)})"));
            }
        }

        if (a.Value("--json") is { } jsonPath)
        {
            File.WriteAllText(jsonPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.Error.WriteLine($"wrote {jsonPath}");
        }

        return 0;
    }

    private static GenerationRequest Request(string? prompt, int[]? ids, ImageInput? image, int maxTokens)
    {
        var request = new GenerationRequest { Prompt = prompt, PromptTokenIds = ids, MaxTokens = maxTokens, IgnoreEndOfSequence = true };
        if (image is not null)
        {
            request.Images.Add(image);
        }

        return request;
    }

    private static async Task<List<GenerationResult>> RepeatAsync(VlmEngine engine, Func<GenerationRequest> request, int warmup, int repeats, string label, CancellationToken cancellationToken)
    {
        var results = new List<GenerationResult>();
        for (var i = 0; i < warmup + repeats; i++)
        {
            var r = await engine.GenerateAsync(request(), cancellationToken).ConfigureAwait(false);
            if (i >= warmup)
            {
                results.Add(r);
            }

            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {label}: run {i + 1}/{warmup + repeats}"));
        }

        Console.Error.WriteLine();
        return results;
    }

    private static async Task<long> AllocatedBytesAsync(VlmEngine engine, int[] ids, int tokens, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await engine.GenerateAsync(Request(null, ids, null, tokens), cancellationToken).ConfigureAwait(false);
            samples.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static JsonObject Summary(List<GenerationResult> runs) => new()
    {
        ["prompt_tokens"] = runs[0].Usage.PromptTokens,
        ["visual_tokens"] = runs[0].Usage.VisualTokensKept,
        ["prefill_ms_median"] = Math.Round(BenchStatistics.Median(runs.Select(r => r.Timings.PrefillMs)), 3),
        ["ttft_ms_median"] = Math.Round(BenchStatistics.Median(runs.Select(r => r.Timings.TimeToFirstTokenMs)), 3),
        ["decode_tokens_per_s_median"] = Math.Round(BenchStatistics.Median(runs.Select(r => r.Timings.DecodeTokensPerSecond)), 1),
        ["engine_overhead_decode_median"] = Math.Round(BenchStatistics.Median(runs.Select(DecodeOverhead)), 4),
        ["engine_overhead_total_median"] = Math.Round(BenchStatistics.Median(runs.Select(r => 1 - (r.Timings.OnnxRuntimeMs / r.Timings.WallMs))), 4),
    };

    private static double DecodeOverhead(GenerationResult r) => r.Timings.DecodeMs > 0 ? 1 - (r.Timings.DecodeOnnxRuntimeMs / r.Timings.DecodeMs) : 0;

    private static void PrintRow(string label, List<GenerationResult> runs) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-13} {runs[0].Usage.PromptTokens,7} {BenchStatistics.Median(runs.Select(r => r.Timings.PrefillMs)),11:F2} {BenchStatistics.Median(runs.Select(r => r.Timings.TimeToFirstTokenMs)),8:F2} {BenchStatistics.Median(runs.Select(r => r.Timings.DecodeTokensPerSecond)),13:F1} {BenchStatistics.Median(runs.Select(DecodeOverhead)),17:P1} {BenchStatistics.Median(runs.Select(r => 1 - (r.Timings.OnnxRuntimeMs / r.Timings.WallMs))),16:P1}"));


    private static JsonObject RunPeer(VlmEngine engine, string? peerPath, int[] promptIds, int maxTokens, int warmup, int repeats, int threads)
    {
        var genaiDir = Path.Combine(engine.Package.Directory, "genai");
        if (!File.Exists(Path.Combine(genaiDir, "genai_config.json")))
        {
            Console.WriteLine($"GenAI peer skipped: '{genaiDir}' has no genai_config.json; rebuild the package with 'agents model build ... --with-genai-decoder'.");
            return new JsonObject { ["skipped"] = "package has no genai/ decoder" };
        }

        var dll = peerPath ?? FindPeer();
        if (dll is null || !File.Exists(dll))
        {
            throw new FileNotFoundException($"The GenAI peer 'agents-bench-genai.dll' was not found{(dll is null ? string.Empty : $" at '{dll}'")}; build it with 'dotnet build Agents/Agents.Bench.GenAi -c Release' or pass --peer <path>.");
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--model", genaiDir, "--prompt-ids", string.Join(',', promptIds), "--max-tokens", maxTokens.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--json" })
        {
            psi.ArgumentList.Add(arg);
        }

        Console.Error.WriteLine("  running the ONNX Runtime GenAI peer in its own process...");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the GenAI peer.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The GenAI peer failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        }

        var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.TrimStart().StartsWith('{'));
        return JsonNode.Parse(line)!.AsObject();
    }

    private static string? FindPeer()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "Agents", "Agents.Bench.GenAi", "bin");
            if (Directory.Exists(project))
            {
                return new[] { "Release", "Debug" }
                    .Select(c => Path.Combine(project, c, "net10.0", "agents-bench-genai.dll"))
                    .FirstOrDefault(File.Exists);
            }
        }

        return null;
    }
}
