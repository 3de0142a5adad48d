using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Constrained;
using LocalModel.Generation;

namespace Agents.Bench.Chat;

/// <summary>
/// The per-token cost of constrained decoding (tool-call and JSON-schema masks against free decoding of the same
/// prompt, interleaved so load drift hits all three) and throughput with 1, 4 and 16 concurrent callers: with
/// continuous batching, and, when an unbatched engine is given, the same work with every request decoding alone,
/// interleaved round by round.
/// </summary>
public static class ChatBenchmark
{
    /// <summary>Gets the concurrent caller counts measured; the engine needs <c>MaxConcurrentRequests</c> of at least the largest.</summary>
    public static IReadOnlyList<int> Callers { get; } = [1, 4, 16];

    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":24},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit"]}
        """;

    private const string LookupSchema = """{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}""";

    /// <summary>Runs the benchmark on <paramref name="engine"/> (and the throughput part also on <paramref name="unbatched"/>, when given).</summary>
    /// <param name="engine">The engine measured, with batching as configured.</param>
    /// <param name="options">What to run.</param>
    /// <param name="unbatched">An engine over the same package with <c>MaxBatchSize = 1</c>, or null to skip the comparison.</param>
    /// <param name="progress">Progress, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<ChatBenchmarkResult> RunAsync(VlmEngine engine, ChatBenchmarkOptions options, VlmEngine? unbatched = null, IBenchmarkProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        progress ??= NoBenchmarkProgress.Instance;
        var m = engine.Package.Manifest;
        using var schema = JsonDocument.Parse(WeatherSchema);
        using var lookup = JsonDocument.Parse(LookupSchema);
        var tools = new[] { new ToolSchema("get_weather", schema.RootElement), new ToolSchema("lookup", lookup.RootElement) };
        var prompt = PromptTemplates.FormatUserTurn(m.ChatTemplate, "What is the weather in Oslo for the next three days?", 0, m.SpecialTokens.ImageText);

        var free = new List<double>();
        var toolCall = new List<double>();
        var json = new List<double>();
        var step = progress.Start("constrained vs free decoding (rounds)", options.Repeats + 1);
        for (var i = 0; i < options.Repeats + 1; i++)
        {
            var f = await PerTokenMsAsync(engine, prompt, options.MaxTokens, null, cancellationToken).ConfigureAwait(false);
            var t = await PerTokenMsAsync(engine, prompt, options.MaxTokens, new ToolCallConstraint(engine.Tokenizer, tools, ToolCallMode.Required), cancellationToken).ConfigureAwait(false);
            var j = await PerTokenMsAsync(engine, prompt, options.MaxTokens, new JsonSchemaConstraint(engine.Tokenizer, schema.RootElement), cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                free.Add(f);
                toolCall.Add(t);
                json.Add(j);
            }

            step.Advance();
        }

        step.Complete();
        var batched = Callers.ToDictionary(c => c, _ => new List<(double Rate, double WallMs)>());
        var alone = Callers.ToDictionary(c => c, _ => new List<double>());
        step = progress.Start("concurrent callers (rounds)", options.ThroughputRepeats + 1);
        for (var round = 0; round < options.ThroughputRepeats + 1; round++)
        {
            foreach (var callers in Callers)
            {
                // Which engine goes first alternates by round, so neither always runs right after the other's largest run.
                (double Rate, double WallMs) b, u = default;
                if (unbatched is not null && round % 2 == 1)
                {
                    u = await ThroughputAsync(unbatched, prompt, callers, options.MaxTokens, cancellationToken).ConfigureAwait(false);
                    b = await ThroughputAsync(engine, prompt, callers, options.MaxTokens, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    b = await ThroughputAsync(engine, prompt, callers, options.MaxTokens, cancellationToken).ConfigureAwait(false);
                    if (unbatched is not null)
                    {
                        u = await ThroughputAsync(unbatched, prompt, callers, options.MaxTokens, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (round > 0)
                {
                    batched[callers].Add(b);
                    alone[callers].Add(u.Rate);
                }
            }

            step.Advance();
        }

        var one = BenchStatistics.Median(batched[Callers[0]].Select(r => r.Rate).ToList());
        var throughput = Callers.Select(c =>
        {
            var rate = BenchStatistics.Median(batched[c].Select(r => r.Rate).ToList());
            return new CallerThroughput(c, rate, BenchStatistics.Median(batched[c].Select(r => r.WallMs).ToList()), rate / one, unbatched is null ? null : BenchStatistics.Median(alone[c]));
        }).ToList();
        step.Complete();
        return new ChatBenchmarkResult(BenchStatistics.Median(free), BenchStatistics.Median(toolCall), BenchStatistics.Median(json), throughput);
    }

    private static async Task<(double Rate, double WallMs)> ThroughputAsync(VlmEngine engine, string prompt, int callers, int maxTokens, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => engine.GenerateAsync(
            new GenerationRequest { Prompt = prompt, MaxTokens = maxTokens, IgnoreEndOfSequence = true, Sampling = new SamplingOptions { Temperature = 0.8f, Seed = c } },
            cancellationToken))).ConfigureAwait(false);
        watch.Stop();
        return (results.Sum(r => r.Usage.CompletionTokens) / watch.Elapsed.TotalSeconds, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<double> PerTokenMsAsync(VlmEngine engine, string prompt, int maxTokens, ITokenConstraint? constraint, CancellationToken cancellationToken)
    {
        var request = new GenerationRequest { Prompt = prompt, MaxTokens = maxTokens, Constraint = constraint, IgnoreEndOfSequence = constraint is null };
        var result = await engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Usage.CompletionTokens > 1 ? result.Timings.DecodeMs / (result.Usage.CompletionTokens - 1) : double.NaN;
    }
}
