using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Agents.Bench.Runtime;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using LocalModel.Generation;
using LocalModel.Runtime;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary><c>agents bench runtime</c>: runs <see cref="RuntimeBenchmark"/> and prints its tables.</summary>
internal static class BenchRuntimeCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new RuntimeBenchmarkOptions();
        var common = new BenchModelOptions(defaultThreads: defaults.Threads, minThreads: 1, withImage: true);
        var maxTokensOption = CliOptions.Int("--max-tokens", "New tokens per run (end-of-sequence ignored).", 2, defaults.MaxTokens);
        var repeatsOption = CliOptions.Int("--repeats", "Timed runs per workload.", 1, defaults.Repeats);
        var warmupOption = CliOptions.Int("--warmup", "Untimed warm-up runs per workload.", 0, defaults.Warmup);
        var peerOption = CliOptions.Text("--peer", $"The GenAI peer ({GenAiPeer.AssemblyName}). Default: found in the Agents.Bench.GenAi build output.", "dll");
        var noPeerOption = CliOptions.Flag("--no-peer", "Skip the ONNX Runtime GenAI comparison.");
        var compareOption = CliOptions.Repeated("--compare", "Another package of the same model (int8, int4, fused decoder): measure --model and these side by side in interleaved rounds (decode tok/s, prefill, size, resident memory; GenAI on each package with a genai/ decoder). Repeatable.", "package");
        var probeOption = new Option<bool>("--peak-memory-probe") { Description = "Internal: load the package, run one image and one text prompt, print the peak working set as JSON.", Hidden = true };
        var roundsOption = CliOptions.Int("--rounds", "With --compare: interleaved rounds (each loads, runs and unloads every package in turn).", 1, 3);
        var command = new Command("runtime", "Prefill, TTFT, decode tokens/s, engine overhead, managed bytes per decode token and peak working set; then the same text-only greedy work on ONNX Runtime GenAI (needs a package built with --with-genai-decoder).")
        {
            maxTokensOption, repeatsOption, warmupOption, peerOption, noPeerOption, compareOption, roundsOption, probeOption,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new RuntimeBenchmarkOptions
            {
                MaxTokens = parse.GetValue(maxTokensOption),
                Repeats = parse.GetValue(repeatsOption),
                Warmup = parse.GetValue(warmupOption),
                Threads = parse.GetValue(common.Threads),
                CompareWithGenAi = !parse.GetValue(noPeerOption),
                PeerAssembly = parse.GetValue(peerOption),
            };
            if (options.PeerAssembly is not null)
            {
                InputPaths.RequireFile("--peer", options.PeerAssembly, $"the GenAI peer ({GenAiPeer.AssemblyName})");
            }

            if (parse.GetValue(probeOption))
            {
                return await ProbeAsync(common.ResolveModel(parse, services), options, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(compareOption) is { Length: > 0 } others)
            {
                options.Image = common.LoadImage(parse);
                return await CompareAsync(services, [common.ResolveModel(parse, services), .. others.Select(o => ModelResolver.Resolve("--compare", o, services.Console, quiet: false))], options, parse.GetValue(roundsOption), parse.GetValue(common.Json), cancellationToken).ConfigureAwait(false);
            }

            using var engine = VlmEngine.Load(common.ResolveModel(parse, services), new VlmEngineOptions { IntraOpThreads = options.Threads }, services.Loggers);
            options.Image = common.LoadImage(parse);
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench runtime: {engine.Package.Directory} on {engine.ExecutionProvider}, {options.Threads} intra-op thread(s), {options.MaxTokens} new tokens, {options.Warmup} warm-up + {options.Repeats} timed runs"));
            var result = await BenchProgress.RunAsync(services.Console, progress => RuntimeBenchmark.RunAsync(engine, options, progress, cancellationToken)).ConfigureAwait(false);

            var output = services.Console.Output;
            output.Write(ResultTable.Create("workload", ">prompt", ">prefill ms", ">TTFT ms", ">decode tok/s", ">overhead (decode)", ">overhead (total)")
                .AddTextRow(Row("image+text", result.ImagePrompt))
                .AddTextRow(Row("text only", result.TextPrompt)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed allocation per decode token (warm, incl. streamed text): {result.ManagedBytesPerDecodeToken:F1} bytes"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {result.PeakWorkingSetBytes / 1048576.0:F1} MiB"));
            if (result.GenAiSkipped is not null)
            {
                output.WriteLine(GenAiPeer.UnsupportedReason(engine.Package.Manifest) is null
                    ? $"GenAI peer skipped: {result.GenAiSkipped}; rebuild the package with 'agents model build ... --with-genai-decoder'."
                    : $"GenAI peer skipped: {result.GenAiSkipped}; --no-peer leaves it out without this note.");
            }

            if (result.GenAi is { } genAi)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime GenAI vs ours, same decoder weights, text prompt of {result.TextPromptTokens} tokens, greedy, {options.MaxTokens} new tokens, {RuntimeBenchmark.PeerRounds} interleaved rounds:"));
                var rounds = ResultTable.Create("round", ">GenAI tok/s", ">ours tok/s");
                for (var i = 0; i < genAi.OursTokensPerSecond.Count; i++)
                {
                    rounds.AddTextRow([(i + 1).ToString(CultureInfo.InvariantCulture), F(genAi.GenAiTokensPerSecond[i], "F0"), F(genAi.OursTokensPerSecond[i], "F0")]);
                }

                output.Write(rounds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"decode speed ours / GenAI = {genAi.Ratio:F3} (same token ids: {genAi.SameTokenIds})"));
            }

            if (parse.GetValue(common.Json) is { } jsonPath)
            {
                await File.WriteAllTextAsync(jsonPath, result.ToJson(engine.Package.Directory, engine.ExecutionProvider, options).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {jsonPath}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> CompareAsync(CliServices services, string[] packages, RuntimeBenchmarkOptions options, int rounds, string? jsonPath, CancellationToken cancellationToken)
    {
        services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench runtime: {packages.Length} packages side by side, {rounds} interleaved rounds of 1 image prefill + {options.Repeats} text-only runs of {options.MaxTokens} new tokens each, {options.Threads} intra-op thread(s)"));
        var rows = await BenchProgress.RunAsync(services.Console, progress => DTypeComparison.RunAsync(packages, options, rounds, (p, ct) => PeakWorkingSetAsync(p, options, ct), progress, cancellationToken)).ConfigureAwait(false);
        var baseline = rows[0];
        var table = ResultTable.Create("package", ">size MiB", ">size / base", ">decode tok/s", ">speed / base", ">text prefill ms", ">image prefill ms", ">peak working set MiB", ">GenAI tok/s", ">ours / GenAI");
        foreach (var r in rows)
        {
            table.AddTextRow(
            [
                r.Label,
                F(r.PackageBytes / 1048576.0, "F1"),
                F(r.PackageBytes / (double)baseline.PackageBytes, "F3"),
                F(r.DecodeTokensPerSecond, "F1"),
                F(r.DecodeTokensPerSecond / baseline.DecodeTokensPerSecond, "F2") + "x",
                F(r.TextPrefillMs, "F1"),
                F(r.ImagePrefillMs, "F0"),
                r.PeakWorkingSetBytes is { } w ? F(w / 1048576.0, "F0") : "-",
                r.GenAiDecodeTokensPerSecond is { } g ? F(g, "F1") : "-",
                r.RatioOverGenAi is { } ratio ? F(ratio, "F3") + (r.SameTokenIdsAsGenAi == true ? string.Empty : " (ids differ)") : "-",
            ]);
        }

        services.Console.Output.Write(table);
        services.Console.Output.WriteLine("decode tok/s per round: " + string.Join("; ", rows.Select(r => $"{r.Label}: {string.Join(", ", r.DecodeRounds.Select(d => F(d, "F1")))}")));
        foreach (var r in rows.Where(r => r.GenAiRounds.Count > 0))
        {
            services.Console.Output.WriteLine($"ours / GenAI per round, {r.Label}: {string.Join(", ", r.RatioOverGenAiByRound.Select(d => F(d, "F3")))}");
        }
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, DTypeComparison.ToJson(rows, options, rounds).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
            services.Console.Note($"wrote {jsonPath}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The <c>--peak-memory-probe</c> child: prints <see cref="DTypeComparison.PeakWorkingSetProbeAsync"/> as JSON.</summary>
    private static async Task<int> ProbeAsync(string package, RuntimeBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var peak = await DTypeComparison.PeakWorkingSetProbeAsync(package, options, cancellationToken).ConfigureAwait(false);
        System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"peak_working_set_bytes\": {peak}}}"));
        return ExitCodes.Success;
    }

    /// <summary>Runs this program's <c>--peak-memory-probe</c> on <paramref name="package"/> in a child process and returns its peak working set.</summary>
    private static async Task<long> PeakWorkingSetAsync(string package, RuntimeBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var self = System.Environment.ProcessPath ?? "dotnet";
        var psi = new System.Diagnostics.ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(BenchRuntimeCommand).Assembly.Location);
        }

        foreach (var arg in new[] { "bench", "runtime", "--model", package, "--peak-memory-probe", "--threads", options.Threads.ToString(CultureInfo.InvariantCulture), "--max-tokens", options.MaxTokens.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(arg);
        }

        var report = await Agents.Bench.BenchChildProcess.RunJsonAsync(psi, $"the peak-memory probe on '{package}'", cancellationToken).ConfigureAwait(false);
        return report["peak_working_set_bytes"]!.GetValue<long>();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string[] Row(string label, WorkloadSummary w) =>
    [
        label, w.PromptTokens.ToString(CultureInfo.InvariantCulture), F(w.PrefillMs, "F2"), F(w.TtftMs, "F2"), F(w.DecodeTokensPerSecond, "F1"), F(w.DecodeOverhead, "P1"), F(w.TotalOverhead, "P1"),
    ];
}
