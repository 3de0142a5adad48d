using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Generation;
using LocalModel.Packaging;
using LocalModel.Runtime;

namespace Agents.Bench.Runtime;

/// <summary>
/// Several packages of one model (fp32, int8, int4; standard or fused decoder) side by side in one run: decode tokens/s,
/// prefill, package size and resident memory, in interleaved rounds (each round loads every package in turn, runs it
/// and unloads it), so drift in machine speed hits every package alike. Packages with a <c>genai/</c> decoder are also
/// run on ONNX Runtime GenAI in the same rounds, for ours / GenAI on the same graph.
/// </summary>
public static class DTypeComparison
{
    /// <summary>Runs the comparison; the first package is the baseline the ratios divide by.</summary>
    /// <param name="packages">The packages, baseline first.</param>
    /// <param name="options">Tokens, repeats, threads, image and GenAI peer.</param>
    /// <param name="rounds">Interleaved rounds.</param>
    /// <param name="peakWorkingSet">
    /// Measures a package's peak working set in a process of its own (one process's peak cannot be split between packages
    /// loaded one after another), or null to leave it out.
    /// </param>
    /// <param name="progress">Progress of the rounds.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <exception cref="ArgumentException">Fewer than two packages, or packages of different models.</exception>
    /// <exception cref="InvalidOperationException">The GenAI peer was asked for and not found or failed.</exception>
    public static async Task<IReadOnlyList<DTypeComparisonRow>> RunAsync(IReadOnlyList<string> packages, RuntimeBenchmarkOptions options, int rounds, Func<string, CancellationToken, Task<long>>? peakWorkingSet = null, IBenchmarkProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= NoBenchmarkProgress.Instance;
        if (packages.Count < 2)
        {
            throw new ArgumentException("A side-by-side comparison needs at least two packages.", nameof(packages));
        }

        var loaded = packages.Select(ModelPackage.Load).ToList();
        var first = loaded[0].Manifest.Text;
        var mismatch = loaded.FirstOrDefault(p => p.Manifest.Text.NumLayers != first.NumLayers || p.Manifest.Text.HiddenSize != first.HiddenSize || p.Manifest.Text.VocabSize != first.VocabSize);
        if (mismatch is not null)
        {
            throw new ArgumentException($"'{mismatch.Directory}' is not the same model as '{loaded[0].Directory}' (layers, hidden size or vocabulary differ); compare packages built from one checkpoint.", nameof(packages));
        }

        var peer = options.CompareWithGenAi && loaded.Any(p => GenAiPeer.DecoderFolder(p.Directory) is not null)
            ? options.PeerAssembly ?? GenAiPeer.Find() ?? throw new InvalidOperationException($"The GenAI peer '{GenAiPeer.AssemblyName}' was not found; build it with 'dotnet build Agents/Agents.Bench.GenAi -c Release' or pass --no-peer.")
            : null;
        var samples = loaded.Select(_ => new Samples()).ToList();
        var step = progress.Start("rounds x packages", rounds * loaded.Count);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < loaded.Count; i++)
            {
                await MeasureAsync(loaded[i], options, samples[i], cancellationToken).ConfigureAwait(false);
                if (peer is not null && GenAiPeer.DecoderFolder(loaded[i].Directory) is { } decoder)
                {
                    var report = await GenAiPeer.RunAsync(peer, decoder, samples[i].TextIds!, options.MaxTokens, 1, options.Repeats, options.Threads, cancellationToken).ConfigureAwait(false);
                    samples[i].GenAi.Add(report["decode_tokens_per_s_median"]!.GetValue<double>());
                    samples[i].GenAiIds = report["token_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
                }

                step.Advance();
            }
        }

        step.Complete();
        if (peakWorkingSet is not null)
        {
            var memory = progress.Start("peak working set, one process per package", loaded.Count);
            for (var i = 0; i < loaded.Count; i++)
            {
                samples[i].PeakWorkingSet = await peakWorkingSet(loaded[i].Directory, cancellationToken).ConfigureAwait(false);
                memory.Advance();
            }

            memory.Complete();
        }

        return loaded.Select((p, i) => samples[i].ToRow(p)).ToList();
    }

    /// <summary>
    /// Loads <paramref name="package"/>, runs one image+text and one text-only request of <see cref="RuntimeBenchmarkOptions.MaxTokens"/>
    /// new tokens, unloads it and returns this process's peak working set: the measurement a child process makes for
    /// <see cref="RunAsync"/>'s <c>peakWorkingSet</c> probe.
    /// </summary>
    public static async Task<long> PeakWorkingSetProbeAsync(string package, RuntimeBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using (var engine = VlmEngine.Load(package, new VlmEngineOptions { IntraOpThreads = options.Threads }))
        {
            var m = engine.Package.Manifest;
            await engine.GenerateAsync(RuntimeBenchmark.Request(RuntimeBenchmark.ImagePrompt(m), null, options.Image ?? BenchImages.For(m), options.MaxTokens), cancellationToken).ConfigureAwait(false);
            await engine.GenerateAsync(RuntimeBenchmark.Request(null, RuntimeBenchmark.TextPromptIds(engine), null, options.MaxTokens), cancellationToken).ConfigureAwait(false);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>The row label of a package: weight type, quantization block and decoder flavour.</summary>
    public static string Label(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var q = manifest.Quantization;
        var type = q is null ? manifest.DType : string.Create(CultureInfo.InvariantCulture, $"{manifest.DType} (block {q.BlockSize}, level {q.AccuracyLevel})");
        return $"{type} {manifest.Text.DecoderFlavour}";
    }

    private static async Task MeasureAsync(ModelPackage package, RuntimeBenchmarkOptions options, Samples samples, CancellationToken cancellationToken)
    {
        using var engine = VlmEngine.Load(package.Directory, new VlmEngineOptions { IntraOpThreads = options.Threads });
        var m = engine.Package.Manifest;
        samples.TextIds ??= RuntimeBenchmark.TextPromptIds(engine);
        for (var w = 0; w < Math.Max(1, options.Warmup); w++)
        {
            await engine.GenerateAsync(RuntimeBenchmark.Request(null, samples.TextIds, null, 4), cancellationToken).ConfigureAwait(false);
        }

        var image = RuntimeBenchmark.Request(RuntimeBenchmark.ImagePrompt(m), null, options.Image ?? BenchImages.For(m), 2);
        samples.ImagePrefill.Add((await engine.GenerateAsync(image, cancellationToken).ConfigureAwait(false)).Timings.PrefillMs);
        var speeds = new List<double>();
        for (var r = 0; r < options.Repeats; r++)
        {
            var result = await engine.GenerateAsync(RuntimeBenchmark.Request(null, samples.TextIds, null, options.MaxTokens), cancellationToken).ConfigureAwait(false);
            speeds.Add(result.Timings.DecodeTokensPerSecond);
            samples.TextPrefill.Add(result.Timings.PrefillMs);
            samples.OurIds = result.TokenIds.ToArray();
        }

        samples.Decode.Add(BenchStatistics.Median(speeds));
    }

    private static long PackageBytes(string directory)
    {
        var genai = Path.Combine(directory, "genai") + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(genai, StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);
    }

    private sealed class Samples
    {
        public int[]? TextIds { get; set; }

        public int[]? OurIds { get; set; }

        public int[]? GenAiIds { get; set; }

        public List<double> Decode { get; } = new();

        public List<double> TextPrefill { get; } = new();

        public List<double> ImagePrefill { get; } = new();

        public List<double> GenAi { get; } = new();

        public long? PeakWorkingSet { get; set; }

        public DTypeComparisonRow ToRow(ModelPackage package) => new(
            package.Directory,
            Label(package.Manifest),
            PackageBytes(package.Directory),
            BenchStatistics.Median(Decode),
            BenchStatistics.Median(TextPrefill),
            BenchStatistics.Median(ImagePrefill),
            PeakWorkingSet,
            Decode,
            GenAi,
            GenAi.Count == 0 ? null : BenchStatistics.Median(GenAi),
            GenAiIds is null ? null : OurIds!.SequenceEqual(GenAiIds));
    }

    /// <summary>Returns the comparison as JSON.</summary>
    public static JsonObject ToJson(IReadOnlyList<DTypeComparisonRow> rows, RuntimeBenchmarkOptions options, int rounds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["machine"] = $"{Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}",
            ["intra_op_threads"] = options.Threads,
            ["new_tokens"] = options.MaxTokens,
            ["repeats_per_round"] = options.Repeats,
            ["rounds"] = rounds,
            ["baseline"] = rows[0].Label,
            ["packages"] = new JsonArray(rows.Select(r => (JsonNode)r.ToJson(rows[0])).ToArray()),
        };
    }
}
