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
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench chat</c>: the per-token cost of constrained decoding (tool-call and JSON-schema masks against free
/// decoding of the same prompts, interleaved in one run) and throughput with 1, 4 and 16 concurrent callers.
/// </summary>
internal static class BenchChatCommand
{
    public const string Usage = "agents bench chat --model <package-dir> [--max-tokens N] [--repeats R] [--threads T] [--json <file>]";

    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":24},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit"]}
        """;

    public static async Task<int> RunAsync(string[] args, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(args, new[] { "--model", "--max-tokens", "--repeats", "--threads", "--json" }, Array.Empty<string>());
        if (a.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{a.Positionals[0]}'. Usage: {Usage}");
        }

        var maxTokens = a.Int("--max-tokens", 4) ?? 48;
        var repeats = a.Int("--repeats", 1) ?? 9;
        var threads = a.Int("--threads", 0) ?? 0;
        using var engine = VlmEngine.Load(a.Required("--model"), new VlmEngineOptions { IntraOpThreads = threads, MaxConcurrentRequests = 16 }, loggers);
        var m = engine.Package.Manifest;
        using var schema = JsonDocument.Parse(WeatherSchema);
        var tools = new[] { new ToolSchema("get_weather", schema.RootElement), new ToolSchema("lookup", JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}""").RootElement) };
        var prompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "What is the weather in Oslo for the next three days?", 0, m.SpecialTokens.ImageText);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench chat: {engine.Package.Directory} on {engine.ExecutionProvider}, {repeats} interleaved rounds"));

        // 1. Per-token decode time, constrained vs free, interleaved so load drift hits both.
        var free = new List<double>();
        var toolCall = new List<double>();
        var json = new List<double>();
        for (var i = 0; i < repeats + 1; i++)
        {
            var f = await PerTokenMsAsync(engine, prompt, maxTokens, null, cancellationToken).ConfigureAwait(false);
            var t = await PerTokenMsAsync(engine, prompt, maxTokens, new ToolCallConstraint(engine.Tokenizer, tools, ToolCallMode.Required), cancellationToken).ConfigureAwait(false);
            var j = await PerTokenMsAsync(engine, prompt, maxTokens, new JsonSchemaConstraint(engine.Tokenizer, schema.RootElement), cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                free.Add(f);
                toolCall.Add(t);
                json.Add(j);
            }
        }

        var freeMs = BenchStatistics.Median(free);
        Console.WriteLine();
        Console.WriteLine("decode          ms/token   added vs free");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"free            {freeMs,8:F3}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tool call mask  {BenchStatistics.Median(toolCall),8:F3}   {(BenchStatistics.Median(toolCall) / freeMs) - 1,8:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JSON schema     {BenchStatistics.Median(json),8:F3}   {(BenchStatistics.Median(json) / freeMs) - 1,8:P1}"));

        // 2. Throughput with concurrent callers.
        var throughput = new JsonObject();
        Console.WriteLine();
        Console.WriteLine("callers  tokens/s (all callers)  wall ms");
        foreach (var callers in new[] { 1, 4, 16 })
        {
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => engine.GenerateAsync(
                new GenerationRequest { Prompt = prompt, MaxTokens = maxTokens, IgnoreEndOfSequence = true, Sampling = new SamplingOptions { Temperature = 0.8f, Seed = c } },
                cancellationToken))).ConfigureAwait(false);
            watch.Stop();
            var tokens = results.Sum(r => r.Usage.CompletionTokens);
            var rate = tokens / watch.Elapsed.TotalSeconds;
            throughput[callers.ToString(CultureInfo.InvariantCulture)] = Math.Round(rate, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{callers,7} {rate,23:F1} {watch.Elapsed.TotalMilliseconds,8:F0}"));
        }

        if (a.Value("--json") is { } path)
        {
            var report = new JsonObject
            {
                ["model"] = engine.Package.Directory,
                ["execution_provider"] = engine.ExecutionProvider,
                ["free_ms_per_token"] = Math.Round(freeMs, 4),
                ["tool_call_ms_per_token"] = Math.Round(BenchStatistics.Median(toolCall), 4),
                ["json_schema_ms_per_token"] = Math.Round(BenchStatistics.Median(json), 4),
                ["tool_call_overhead"] = Math.Round((BenchStatistics.Median(toolCall) / freeMs) - 1, 4),
                ["json_schema_overhead"] = Math.Round((BenchStatistics.Median(json) / freeMs) - 1, 4),
                ["throughput_tokens_per_s_by_callers"] = throughput,
            };
            File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    private static async Task<double> PerTokenMsAsync(VlmEngine engine, string prompt, int maxTokens, ITokenConstraint? constraint, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest { Prompt = prompt, MaxTokens = maxTokens, Constraint = constraint, IgnoreEndOfSequence = constraint is null };
        var result = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Usage.CompletionTokens > 1 ? result.Timings.DecodeMs / (result.Usage.CompletionTokens - 1) : double.NaN;
    }

}
