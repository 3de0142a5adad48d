using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Agents.Bench.Chat;
using Agents.Cli.Output;
using LocalModel.Generation;
using LocalModel.Runtime;

namespace Agents.Cli.Commands;

/// <summary><c>agents bench chat</c>: runs <see cref="ChatBenchmark"/> and prints its two tables.</summary>
internal static class BenchChatCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new ChatBenchmarkOptions();
        var common = new BenchModelOptions(defaultThreads: 0, minThreads: 0, withImage: false);
        var maxTokens = CliOptions.Int("--max-tokens", "Tokens generated per run.", 4, defaults.MaxTokens);
        var repeats = CliOptions.Int("--repeats", "Timed interleaved rounds of the constrained-decoding part (one untimed warm-up round comes first).", 1, defaults.Repeats);
        var throughputRepeats = CliOptions.Int("--throughput-repeats", "Timed rounds of the concurrent-caller part, batched and unbatched interleaved (one untimed round comes first).", 1, defaults.ThroughputRepeats);
        var command = new Command("chat", "Constrained-decoding cost per token (tool-call and JSON-schema masks vs free decoding) and throughput with 1, 4 and 16 concurrent callers, with continuous batching and with every request decoding alone.") { maxTokens, repeats, throughputRepeats };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ChatBenchmarkOptions { MaxTokens = parse.GetValue(maxTokens), Repeats = parse.GetValue(repeats), ThroughputRepeats = parse.GetValue(throughputRepeats) };
            var model = common.ResolveModel(parse, services);
            var callerCount = ChatBenchmark.Callers.Max();
            using var engine = VlmEngine.Load(model, new VlmEngineOptions { IntraOpThreads = parse.GetValue(common.Threads), MaxConcurrentRequests = callerCount, MaxBatchSize = callerCount }, services.Loggers);
            using var unbatched = VlmEngine.Load(model, new VlmEngineOptions { IntraOpThreads = parse.GetValue(common.Threads), MaxConcurrentRequests = callerCount, MaxBatchSize = 1 }, services.Loggers);
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench chat: {engine.Package.Directory} on {engine.ExecutionProvider}, {options.Repeats} interleaved rounds"));
            var result = await BenchProgress.RunAsync(services.Console, progress => ChatBenchmark.RunAsync(engine, options, unbatched, progress, cancellationToken)).ConfigureAwait(false);

            services.Console.Output.Write(ResultTable.Create("decode", ">ms/token", ">added vs free")
                .AddTextRow(["free", F(result.FreeMsPerToken, "F3"), string.Empty])
                .AddTextRow(["tool call mask", F(result.ToolCallMsPerToken, "F3"), F(result.ToolCallOverhead, "P1")])
                .AddTextRow(["JSON schema", F(result.JsonSchemaMsPerToken, "F3"), F(result.JsonSchemaOverhead, "P1")]));
            var callers = ResultTable.Create(">callers", ">tokens/s (all callers)", ">vs 1 caller", ">wall ms", ">unbatched tokens/s", ">batched / unbatched");
            foreach (var t in result.Throughput)
            {
                callers.AddTextRow([t.Callers.ToString(CultureInfo.InvariantCulture), F(t.TokensPerSecond, "F1"), F(t.RatioToOneCaller, "F2") + "x", F(t.WallMs, "F0"), t.UnbatchedTokensPerSecond is { } u ? F(u, "F1") : "-", t.BatchingSpeedup is { } x ? F(x, "F2") + "x" : "-"]);
            }

            services.Console.Output.Write(callers);
            if (parse.GetValue(common.Json) is { } path)
            {
                await File.WriteAllTextAsync(path, result.ToJson(engine.Package.Directory, engine.ExecutionProvider).ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
