using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Agents.Bench.GenAi;

/// <summary>Medians over the timed runs, rendered as JSON or text.</summary>
internal sealed class BenchReport
{
    private readonly BenchOptions _options;
    private readonly IReadOnlyList<BenchRun> _runs;

    /// <summary>Initializes a report; every run must have produced the same ids (greedy is deterministic).</summary>
    /// <exception cref="InvalidOperationException">The runs disagree on the generated ids.</exception>
    public BenchReport(BenchOptions options, IReadOnlyList<BenchRun> runs)
    {
        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one timed run is needed.", nameof(runs));
        }

        if (runs.Any(r => !r.TokenIds.SequenceEqual(runs[0].TokenIds)))
        {
            throw new InvalidOperationException("Greedy runs produced different token ids; the results are not comparable.");
        }

        _options = options;
        _runs = runs;
    }

    /// <summary>Writes one JSON object and a newline.</summary>
    public void WriteJson(Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("provider", "cpu");
            json.WriteNumber("prompt_tokens", _options.PromptIds.Count);
            json.WriteNumber("new_tokens", _runs[0].TokenIds.Count);
            json.WriteNumber("prefill_ms_median", Round(Median(_runs.Select(r => r.PrefillMs))));
            var decode = DecodeMedian();
            if (decode is double tokensPerSecond)
            {
                json.WriteNumber("decode_tokens_per_s_median", Round(tokensPerSecond));
            }
            else
            {
                json.WriteNull("decode_tokens_per_s_median");
            }

            json.WriteNumber("total_ms_median", Round(Median(_runs.Select(r => r.TotalMs))));
            json.WriteStartArray("token_ids");
            foreach (var id in _runs[0].TokenIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            if (_options.Threads is int threads)
            {
                json.WriteNumber("intra_op_threads", threads);
            }
            else
            {
                json.WriteNull("intra_op_threads");
            }

            json.WriteNumber("warmup", _options.Warmup);
            json.WriteNumber("repeats", _runs.Count);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes a short human-readable summary.</summary>
    public void WriteText(TextWriter writer)
    {
        var decode = DecodeMedian();
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ONNX Runtime GenAI (cpu, intra-op threads {(_options.Threads?.ToString(CultureInfo.InvariantCulture) ?? "as configured")}): " +
            $"{_options.PromptIds.Count} prompt + {_runs[0].TokenIds.Count} new tokens, median of {_runs.Count} runs after {_options.Warmup} warm-up"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  prefill (time to first token) {Median(_runs.Select(r => r.PrefillMs)):F2} ms"));
        writer.WriteLine(decode is double tps
            ? string.Create(CultureInfo.InvariantCulture, $"  decode {tps:F1} tokens/s")
            : "  decode n/a (one new token)");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total {Median(_runs.Select(r => r.TotalMs)):F2} ms"));
        writer.WriteLine("  token ids " + string.Join(',', _runs[0].TokenIds));
    }

    private double? DecodeMedian()
    {
        var values = _runs.Select(r => r.DecodeTokensPerSecond).OfType<double>().ToList();
        return values.Count == 0 ? null : Median(values);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
