using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Packaging;

namespace Agents.Bench.Runtime;

/// <summary>
/// Prefill, TTFT, decode speed, engine overhead, managed allocation per decode token and peak working set, medians
/// over repeats, for an image+text and a text-only prompt; then, optionally, the same text-only greedy work on ONNX
/// Runtime GenAI (<see cref="GenAiPeer"/>) in interleaved rounds, for the ratio of decode speeds measured in one run.
/// </summary>
public static class RuntimeBenchmark
{
    /// <summary>Peer block, our block, this many times, so drift in machine load hits both alike.</summary>
    public const int PeerRounds = 5;

    private const string TextPrompt = "Describe a quiet harbour at dawn: the boats, the water, the light and the sounds.";

    /// <summary>Runs the benchmark on <paramref name="engine"/>.</summary>
    /// <exception cref="InvalidOperationException">The GenAI comparison was asked for and the peer was not found or failed.</exception>
    public static async Task<RuntimeBenchmarkResult> RunAsync(VlmEngine engine, RuntimeBenchmarkOptions options, IBenchmarkProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= NoBenchmarkProgress.Instance;
        var m = engine.Package.Manifest;

        // Find the peer before measuring anything, so a missing peer fails at once.
        string? skipped = null;
        string? peer = null;
        var unsupported = options.CompareWithGenAi ? GenAiPeer.UnsupportedReason(m) : null;
        var decoder = options.CompareWithGenAi && unsupported is null ? GenAiPeer.DecoderFolder(engine.Package.Directory) : null;
        if (unsupported is not null)
        {
            skipped = unsupported;
        }
        else if (options.CompareWithGenAi && decoder is null)
        {
            skipped = "package has no genai/ decoder";
        }
        else if (decoder is not null)
        {
            peer = options.PeerAssembly ?? GenAiPeer.Find()
                ?? throw new InvalidOperationException($"The GenAI peer '{GenAiPeer.AssemblyName}' was not found; build it with 'dotnet build Agents/Agents.Bench.GenAi -c Release' or give its path.");
        }

        var image = options.Image ?? BenchImages.For(m);
        var imagePrompt = ImagePrompt(m);
        var textIds = TextPromptIds(engine);
        var runs = options.Warmup + options.Repeats;

        // 1. Image + text prompt through the whole engine.
        var imageRuns = await RepeatAsync(engine, () => Request(imagePrompt, null, image, options.MaxTokens), options.Warmup, options.Repeats, progress.Start("image prompt", runs), cancellationToken).ConfigureAwait(false);

        // 2. Text-only prompt: the same work the GenAI peer does.
        var textRuns = await RepeatAsync(engine, () => Request(null, textIds, null, options.MaxTokens), options.Warmup, options.Repeats, progress.Start("text prompt", runs), cancellationToken).ConfigureAwait(false);

        // 3. Managed bytes per decode token once warm: the difference between a long and a short generation.
        var extra = Math.Max(64, options.MaxTokens);
        var allocation = progress.Start("allocation", 2);
        var shortAlloc = await AllocatedBytesAsync(engine, textIds, 8, cancellationToken).ConfigureAwait(false);
        allocation.Advance();
        var longAlloc = await AllocatedBytesAsync(engine, textIds, 8 + extra, cancellationToken).ConfigureAwait(false);
        allocation.Complete();

        var genAi = peer is null ? null : await CompareAsync(engine, peer, decoder!, textIds, options, progress, cancellationToken).ConfigureAwait(false);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new RuntimeBenchmarkResult(WorkloadSummary.Of(imageRuns), WorkloadSummary.Of(textRuns), textIds.Length, Math.Max(0, (longAlloc - shortAlloc) / (double)extra), process.PeakWorkingSet64, genAi, skipped);
    }

    private static async Task<GenAiComparison> CompareAsync(VlmEngine engine, string peer, string decoder, int[] textIds, RuntimeBenchmarkOptions options, IBenchmarkProgress progress, CancellationToken cancellationToken)
    {
        var ours = new List<double>();
        var theirs = new List<double>();
        var last = new System.Text.Json.Nodes.JsonObject();
        List<GenerationResult> ourRuns = new();
        var step = progress.Start("GenAI peer vs ours (rounds)", PeerRounds);
        for (var round = 0; round < PeerRounds; round++)
        {
            last = await GenAiPeer.RunAsync(peer, decoder, textIds, options.MaxTokens, options.Warmup, options.Repeats, options.Threads, cancellationToken).ConfigureAwait(false);
            theirs.Add(last["decode_tokens_per_s_median"]!.GetValue<double>());
            ourRuns = await RepeatAsync(engine, () => Request(null, textIds, null, options.MaxTokens), 1, options.Repeats, NoBenchmarkProgress.Instance, cancellationToken).ConfigureAwait(false);
            ours.Add(BenchStatistics.Median(ourRuns.Select(r => r.Timings.DecodeTokensPerSecond)));
            step.Advance();
        }

        step.Complete();
        var theirIds = last["token_ids"]!.AsArray().Select(n => n!.GetValue<int>());
        return new GenAiComparison(ours, theirs, last, ourRuns[0].TokenIds.SequenceEqual(theirIds));
    }

    /// <summary>The image+text workload's prompt in the package's chat template (one image placeholder).</summary>
    internal static string ImagePrompt(ModelManifest manifest) =>
        PromptTemplates.FormatUserTurn(manifest.ChatTemplate, "Describe this image in detail.", 1, manifest.SpecialTokens.ImageText);

    /// <summary>The text-only workload's prompt ids (the peer's work), in the package's chat template.</summary>
    internal static int[] TextPromptIds(VlmEngine engine)
    {
        var m = engine.Package.Manifest;
        return engine.Tokenizer.Encode(PromptTemplates.FormatUserTurn(m.ChatTemplate, TextPrompt, 0, m.SpecialTokens.ImageText), addBos: true);
    }

    /// <summary>A request of the benchmark's workloads: exactly <paramref name="maxTokens"/> new tokens (end-of-sequence ignored).</summary>
    internal static GenerationRequest Request(string? prompt, int[]? ids, ImageInput? image, int maxTokens)
    {
        var request = new GenerationRequest { Prompt = prompt, PromptTokenIds = ids, MaxTokens = maxTokens, IgnoreEndOfSequence = true };
        if (image is not null)
        {
            request.Images.Add(image);
        }

        return request;
    }

    private static async Task<List<GenerationResult>> RepeatAsync(VlmEngine engine, Func<GenerationRequest> request, int warmup, int repeats, IBenchmarkStep step, CancellationToken cancellationToken)
    {
        var results = new List<GenerationResult>();
        for (var i = 0; i < warmup + repeats; i++)
        {
            var r = await engine.GenerateAsync(request(), cancellationToken).ConfigureAwait(false);
            if (i >= warmup)
            {
                results.Add(r);
            }

            step.Advance();
        }

        step.Complete();
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
}
