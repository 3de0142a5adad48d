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
using Agents.Cli.Output;
using LocalModel.Chat;
using LocalModel.Constrained;
using LocalModel.Generation;
using LocalModel.Runtime;
using Spectre.Console;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench chat</c>: the per-token cost of constrained decoding (tool-call and JSON-schema masks against free
/// decoding of the same prompts, interleaved in one run) and throughput with 1, 4 and 16 concurrent callers.
/// </summary>
internal static class BenchChatCommand
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":24},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit"]}
        """;

    private static readonly int[] Callers = { 1, 4, 16 };

    public static Command Create(CliServices services)
    {
        var common = new BenchModelOptions(defaultThreads: 0, minThreads: 0, withImage: false);
        var maxTokens = CliOptions.Int("--max-tokens", "Tokens generated per run.", 4, 48);
        var repeats = CliOptions.Int("--repeats", "Timed interleaved rounds (one untimed warm-up round comes first).", 1, 9);
        var command = new Command("chat", "Constrained-decoding cost per token (tool-call and JSON-schema masks vs free decoding) and throughput with 1, 4 and 16 concurrent callers.") { maxTokens, repeats };
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rounds = parse.GetValue(repeats);
            var tokens = parse.GetValue(maxTokens);
            using var engine = VlmEngine.Load(common.ResolveModel(parse, services), new VlmEngineOptions { IntraOpThreads = parse.GetValue(common.Threads), MaxConcurrentRequests = Callers.Max() }, services.Loggers);
            var m = engine.Package.Manifest;
            using var schema = JsonDocument.Parse(WeatherSchema);
            using var lookup = JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}""");
            var tools = new[] { new ToolSchema("get_weather", schema.RootElement), new ToolSchema("lookup", lookup.RootElement) };
            var prompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "What is the weather in Oslo for the next three days?", 0, m.SpecialTokens.ImageText);
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench chat: {engine.Package.Directory} on {engine.ExecutionProvider}, {rounds} interleaved rounds"));

            var (free, toolCall, json, throughput) = await BenchProgress.RunAsync(services.Console, async progress =>
            {
                // 1. Per-token decode time, constrained vs free, interleaved so load drift hits both.
                var free = new List<double>();
                var toolCall = new List<double>();
                var json = new List<double>();
                var step = progress.Start("constrained vs free decoding (rounds)", rounds + 1);
                for (var i = 0; i < rounds + 1; i++)
                {
                    var f = await PerTokenMsAsync(engine, prompt, tokens, null, cancellationToken).ConfigureAwait(false);
                    var t = await PerTokenMsAsync(engine, prompt, tokens, new ToolCallConstraint(engine.Tokenizer, tools, ToolCallMode.Required), cancellationToken).ConfigureAwait(false);
                    var j = await PerTokenMsAsync(engine, prompt, tokens, new JsonSchemaConstraint(engine.Tokenizer, schema.RootElement), cancellationToken).ConfigureAwait(false);
                    if (i > 0)
                    {
                        free.Add(f);
                        toolCall.Add(t);
                        json.Add(j);
                    }

                    step.Advance();
                }

                step.Complete();

                // 2. Throughput with concurrent callers.
                var throughput = new List<(int Callers, double Rate, double WallMs)>();
                step = progress.Start("concurrent callers", Callers.Length);
                foreach (var callers in Callers)
                {
                    var watch = Stopwatch.StartNew();
                    var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => engine.GenerateAsync(
                        new GenerationRequest { Prompt = prompt, MaxTokens = tokens, IgnoreEndOfSequence = true, Sampling = new SamplingOptions { Temperature = 0.8f, Seed = c } },
                        cancellationToken))).ConfigureAwait(false);
                    watch.Stop();
                    throughput.Add((callers, results.Sum(r => r.Usage.CompletionTokens) / watch.Elapsed.TotalSeconds, watch.Elapsed.TotalMilliseconds));
                    step.Advance();
                }

                step.Complete();
                return (BenchStatistics.Median(free), BenchStatistics.Median(toolCall), BenchStatistics.Median(json), throughput);
            }).ConfigureAwait(false);

            var output = services.Console.Output;
            output.Write(ResultTable.Create("decode", ">ms/token", ">added vs free")
                .AddTextRow(new[] { "free", Format(free, "F3"), string.Empty })
                .AddTextRow(new[] { "tool call mask", Format(toolCall, "F3"), Format((toolCall / free) - 1, "P1") })
                .AddTextRow(new[] { "JSON schema", Format(json, "F3"), Format((json / free) - 1, "P1") }));
            var callersTable = ResultTable.Create(">callers", ">tokens/s (all callers)", ">wall ms");
            foreach (var (callers, rate, wallMs) in throughput)
            {
                callersTable.AddTextRow(new[] { callers.ToString(CultureInfo.InvariantCulture), Format(rate, "F1"), Format(wallMs, "F0") });
            }

            output.Write(callersTable);
            if (parse.GetValue(common.Json) is { } path)
            {
                var byCallers = new JsonObject();
                foreach (var (callers, rate, _) in throughput)
                {
                    byCallers[callers.ToString(CultureInfo.InvariantCulture)] = Math.Round(rate, 1);
                }

                var report = new JsonObject
                {
                    ["model"] = engine.Package.Directory,
                    ["execution_provider"] = engine.ExecutionProvider,
                    ["free_ms_per_token"] = Math.Round(free, 4),
                    ["tool_call_ms_per_token"] = Math.Round(toolCall, 4),
                    ["json_schema_ms_per_token"] = Math.Round(json, 4),
                    ["tool_call_overhead"] = Math.Round((toolCall / free) - 1, 4),
                    ["json_schema_overhead"] = Math.Round((json / free) - 1, 4),
                    ["throughput_tokens_per_s_by_callers"] = byCallers,
                };
                await File.WriteAllTextAsync(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
                services.Console.Note($"wrote {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static async Task<double> PerTokenMsAsync(VlmEngine engine, string prompt, int maxTokens, ITokenConstraint? constraint, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest { Prompt = prompt, MaxTokens = maxTokens, Constraint = constraint, IgnoreEndOfSequence = constraint is null };
        var result = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Usage.CompletionTokens > 1 ? result.Timings.DecodeMs / (result.Usage.CompletionTokens - 1) : double.NaN;
    }
}
