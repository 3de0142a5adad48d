using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench runtime</c>: prefill, TTFT, decode speed, engine overhead, managed allocation per decode
/// token and peak working set, medians over repeats; then the same text-only greedy work on ONNX Runtime GenAI
/// (in its own process) with the ratio of decode speeds measured in this one run.
/// </summary>
internal static class BenchRuntimeCommand
{
    private const string TextPrompt = "Describe a quiet harbour at dawn: the boats, the water, the light and the sounds.";

    /// <summary>Peer block, our block, this many times, so drift in machine load hits both alike.</summary>
    private const int PeerRounds = 5;

    public static Command Create(CliServices services)
    {
        var common = new BenchModelOptions(defaultThreads: 1, minThreads: 1, withImage: true);
        var maxTokensOption = CliOptions.Int("--max-tokens", "New tokens per run (end-of-sequence ignored).", 2, 64);
        var repeatsOption = CliOptions.Int("--repeats", "Timed runs per workload.", 1, 15);
        var warmupOption = CliOptions.Int("--warmup", "Untimed warm-up runs per workload.", 0, 3);
        var peerOption = CliOptions.Text("--peer", "The GenAI peer (agents-bench-genai.dll). Default: found in the Agents.Bench.GenAi build output.", "dll");
        var noPeerOption = CliOptions.Flag("--no-peer", "Skip the ONNX Runtime GenAI comparison.");
        var command = new Command("runtime", "Prefill, TTFT, decode tokens/s, engine overhead, managed bytes per decode token and peak working set; then the same text-only greedy work on ONNX Runtime GenAI (needs a package built with --with-genai-decoder).")
        {
            maxTokensOption, repeatsOption, warmupOption, peerOption, noPeerOption,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var maxTokens = parse.GetValue(maxTokensOption);
            var repeats = parse.GetValue(repeatsOption);
            var warmup = parse.GetValue(warmupOption);
            var threads = parse.GetValue(common.Threads);
            var withPeer = !parse.GetValue(noPeerOption);
            using var engine = VlmEngine.Load(common.ResolveModel(parse, services), new VlmEngineOptions { IntraOpThreads = threads }, services.Loggers);
            var m = engine.Package.Manifest;
            var image = common.LoadImage(parse, m.Vision.ImageSize);
            var peerDll = withPeer ? PeerPath(engine, parse.GetValue(peerOption)) : null;
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench runtime: {engine.Package.Directory} on {engine.ExecutionProvider}, {threads} intra-op thread(s), {maxTokens} new tokens, {warmup} warm-up + {repeats} timed runs"));
            var imagePrompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "Describe this image in detail.", 1, m.SpecialTokens.ImageText);
            var textIds = engine.Tokenizer.Encode(PromptTemplates.FormatUserTurn(m.ChatTemplate, TextPrompt, 0, m.SpecialTokens.ImageText), addBos: true);

            var measured = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                // 1. Image + text prompt through the whole engine.
                var imageRuns = await RepeatAsync(engine, () => Request(imagePrompt, null, image, maxTokens), warmup, repeats, progress.Start("image prompt", warmup + repeats), cancellationToken).ConfigureAwait(false);

                // 2. Text-only prompt: the same work the GenAI peer does.
                var textRuns = await RepeatAsync(engine, () => Request(null, textIds, null, maxTokens), warmup, repeats, progress.Start("text prompt", warmup + repeats), cancellationToken).ConfigureAwait(false);

                // 3. Managed bytes per decode token once warm: the difference between a long and a short generation.
                var extra = Math.Max(64, maxTokens);
                var allocation = progress.Start("allocation", 2);
                var shortAlloc = await AllocatedBytesAsync(engine, textIds, 8, cancellationToken).ConfigureAwait(false);
                allocation.Advance();
                var longAlloc = await AllocatedBytesAsync(engine, textIds, 8 + extra, cancellationToken).ConfigureAwait(false);
                allocation.Complete();
                var peer = peerDll is null ? null : await ComparePeerAsync(engine, peerDll, textIds, maxTokens, warmup, repeats, threads, progress, cancellationToken).ConfigureAwait(false);
                return (imageRuns, textRuns, BytesPerToken: Math.Max(0, (longAlloc - shortAlloc) / (double)extra), peer);
            }).ConfigureAwait(false);

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
                ["image_prompt"] = Summary(measured.imageRuns),
                ["text_prompt"] = Summary(measured.textRuns),
                ["managed_bytes_per_decode_token"] = Math.Round(measured.BytesPerToken, 1),
                ["peak_working_set_mb"] = Math.Round(peakWorkingSet / 1048576.0, 1),
            };

            var output = services.Console.Output;
            output.Write(ResultTable.Create("workload", ">prompt", ">prefill ms", ">TTFT ms", ">decode tok/s", ">overhead (decode)", ">overhead (total)")
                .AddTextRow(Row("image+text", measured.imageRuns))
                .AddTextRow(Row("text only", measured.textRuns)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed allocation per decode token (warm, incl. streamed text): {measured.BytesPerToken:F1} bytes"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {peakWorkingSet / 1048576.0:F1} MiB"));
            if (withPeer && peerDll is null)
            {
                output.WriteLine($"GenAI peer skipped: '{Path.Combine(engine.Package.Directory, "genai")}' has no genai_config.json; rebuild the package with 'agents model build ... --with-genai-decoder'.");
                report["genai_peer"] = new JsonObject { ["skipped"] = "package has no genai/ decoder" };
            }
            else if (measured.peer is { } peer)
            {
                report["genai_peer"] = peer.Last;
                var oursMedian = BenchStatistics.Median(peer.Ours);
                var theirsMedian = BenchStatistics.Median(peer.Theirs);
                var ratio = oursMedian / theirsMedian;
                var theirIds = peer.Last["token_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
                var same = peer.OurIds.SequenceEqual(theirIds);
                report["decode_tokens_per_s_ours_rounds"] = new JsonArray(peer.Ours.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
                report["decode_tokens_per_s_genai_rounds"] = new JsonArray(peer.Theirs.Select(r => (JsonNode)Math.Round(r, 1)).ToArray());
                report["decode_ratio_ours_over_genai"] = Math.Round(ratio, 3);
                report["same_token_ids_as_genai"] = same;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime GenAI vs ours, same decoder weights, text prompt of {textIds.Length} tokens, greedy, {maxTokens} new tokens, {PeerRounds} interleaved rounds:"));
                var rounds = ResultTable.Create("round", ">GenAI tok/s", ">ours tok/s");
                for (var i = 0; i < peer.Ours.Count; i++)
                {
                    rounds.AddTextRow(new[] { (i + 1).ToString(CultureInfo.InvariantCulture), F(peer.Theirs[i], "F0"), F(peer.Ours[i], "F0") });
                }

                output.Write(rounds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  decode speed ours / GenAI = {ratio:F3} (medians {oursMedian:F0} / {theirsMedian:F0}; same token ids: {same})"));
            }

            if (parse.GetValue(common.Json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The peer's dll, or null when the package has no GenAI decoder (the comparison is skipped).</summary>
    private static string? PeerPath(VlmEngine engine, string? given)
    {
        if (!File.Exists(Path.Combine(engine.Package.Directory, "genai", "genai_config.json")))
        {
            return null;
        }

        if (given is not null)
        {
            InputPaths.RequireFile("--peer", given, "the GenAI peer (agents-bench-genai.dll)");
            return given;
        }

        return FindPeer() ?? throw new InvalidOperationException("The GenAI peer 'agents-bench-genai.dll' was not found; build it with 'dotnet build Agents/Agents.Bench.GenAi -c Release', pass --peer <path> or --no-peer.");
    }

    private static async Task<PeerComparison> ComparePeerAsync(VlmEngine engine, string dll, int[] textIds, int maxTokens, int warmup, int repeats, int threads, BenchProgress progress, CancellationToken cancellationToken)
    {
        var ours = new List<double>();
        var theirs = new List<double>();
        JsonObject? last = null;
        List<GenerationResult>? ourRuns = null;
        var step = progress.Start("GenAI peer vs ours (rounds)", PeerRounds);
        for (var round = 0; round < PeerRounds; round++)
        {
            last = await RunPeerAsync(engine, dll, textIds, maxTokens, warmup, repeats, threads, cancellationToken).ConfigureAwait(false);
            theirs.Add(last["decode_tokens_per_s_median"]!.GetValue<double>());
            ourRuns = await RepeatAsync(engine, () => Request(null, textIds, null, maxTokens), 1, repeats, null, cancellationToken).ConfigureAwait(false);
            ours.Add(BenchStatistics.Median(ourRuns.Select(r => r.Timings.DecodeTokensPerSecond)));
            step.Advance();
        }

        step.Complete();
        return new PeerComparison(ours, theirs, last!, ourRuns![0].TokenIds);
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

    private static async Task<List<GenerationResult>> RepeatAsync(VlmEngine engine, Func<GenerationRequest> request, int warmup, int repeats, BenchProgress.Step? step, CancellationToken cancellationToken)
    {
        var results = new List<GenerationResult>();
        for (var i = 0; i < warmup + repeats; i++)
        {
            var r = await engine.GenerateAsync(request(), cancellationToken).ConfigureAwait(false);
            if (i >= warmup)
            {
                results.Add(r);
            }

            step?.Advance();
        }

        step?.Complete();
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

    private static string[] Row(string label, List<GenerationResult> runs) =>
    [
        label,
        runs[0].Usage.PromptTokens.ToString(CultureInfo.InvariantCulture),
        F(BenchStatistics.Median(runs.Select(r => r.Timings.PrefillMs)), "F2"),
        F(BenchStatistics.Median(runs.Select(r => r.Timings.TimeToFirstTokenMs)), "F2"),
        F(BenchStatistics.Median(runs.Select(r => r.Timings.DecodeTokensPerSecond)), "F1"),
        F(BenchStatistics.Median(runs.Select(DecodeOverhead)), "P1"),
        F(BenchStatistics.Median(runs.Select(r => 1 - (r.Timings.OnnxRuntimeMs / r.Timings.WallMs))), "P1"),
    ];

    private static async Task<JsonObject> RunPeerAsync(VlmEngine engine, string dll, int[] promptIds, int maxTokens, int warmup, int repeats, int threads, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var genaiDir = Path.Combine(engine.Package.Directory, "genai");
        foreach (var arg in new[] { dll, "--model", genaiDir, "--prompt-ids", string.Join(',', promptIds), "--max-tokens", maxTokens.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--json" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the GenAI peer.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The GenAI peer failed (exit {process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        var line = (await stdout.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.TrimStart().StartsWith('{'));
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

    /// <summary>The interleaved rounds against the GenAI peer: decode tokens/s per round, the peer's last report, our token ids.</summary>
    private sealed record PeerComparison(List<double> Ours, List<double> Theirs, JsonObject Last, IReadOnlyList<int> OurIds);
}
