using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Agents.Bench.Serving;

/// <summary>
/// A bounded load test of an OpenAI-compatible <c>/v1/chat/completions</c> endpoint (ours from <c>agents serve</c>,
/// or any other): at each concurrency level, that many clients each send <see cref="ServerLoadTestOptions.RequestsPerClient"/>
/// requests back to back; the level reports requests/s, p50/p99 latency, completion tokens/s and errors by status.
/// One untimed request warms the server first.
/// </summary>
public static class ServerLoadTest
{
    /// <summary>Runs the levels in order.</summary>
    /// <param name="http">The HTTP client (its timeout bounds each request).</param>
    /// <param name="chatCompletions">The endpoint, e.g. <c>http://127.0.0.1:8080/v1/chat/completions</c>.</param>
    /// <param name="options">What to send.</param>
    /// <param name="progress">Receives one step per level, counted in requests.</param>
    /// <param name="cancellationToken">Stops the test.</param>
    /// <returns>One row per level.</returns>
    /// <exception cref="InvalidOperationException">The warm-up request failed (the message has the server's answer).</exception>
    public static async Task<IReadOnlyList<ServerLoadRow>> RunAsync(HttpClient http, Uri chatCompletions, ServerLoadTestOptions options, IBenchmarkProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(chatCompletions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var body = RequestBody(options);
        var warm = await SendAsync(http, chatCompletions, body, options, cancellationToken).ConfigureAwait(false);
        if (warm.Status != 200)
        {
            throw new InvalidOperationException($"The warm-up request to {chatCompletions} answered {(warm.Status == 0 ? "nothing" : warm.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {warm.Error}");
        }

        var rows = new List<ServerLoadRow>();
        foreach (var clients in options.Clients)
        {
            var step = progress.Start($"{clients} client(s)", clients * options.RequestsPerClient);
            var outcomes = new ConcurrentBag<Outcome>();
            var wall = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                for (var i = 0; i < options.RequestsPerClient; i++)
                {
                    outcomes.Add(await SendAsync(http, chatCompletions, body, options, cancellationToken).ConfigureAwait(false));
                    step.Advance();
                }
            })).ConfigureAwait(false);
            wall.Stop();
            step.Complete();
            rows.Add(Summarize(clients, [.. outcomes], wall.Elapsed.TotalSeconds));
        }

        return rows;
    }

    /// <summary>The nearest-rank percentile of <paramref name="sorted"/> (ascending), NaN when empty.</summary>
    /// <param name="sorted">The values, sorted ascending.</param>
    /// <param name="percentile">The percentile, 0 to 100.</param>
    /// <returns>The value at that rank.</returns>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static ServerLoadRow Summarize(int clients, Outcome[] outcomes, double wallSeconds)
    {
        var ok = outcomes.Where(o => o.Status == 200).ToArray();
        var latencies = ok.Select(o => o.Milliseconds).Order().ToArray();
        var errors = outcomes.Where(o => o.Status != 200).GroupBy(o => o.Status).ToDictionary(g => g.Key, g => g.Count());
        return new ServerLoadRow(clients, outcomes.Length, outcomes.Length - ok.Length, wallSeconds, Percentile(latencies, 50), Percentile(latencies, 99), ok.Sum(o => o.CompletionTokens), errors);
    }

    private static byte[] RequestBody(ServerLoadTestOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (options.Model is { } model)
            {
                writer.WriteString("model", model);
            }

            writer.WriteNumber("max_tokens", options.MaxTokens);
            writer.WriteNumber("temperature", 0);
            if (options.Stream)
            {
                writer.WriteBoolean("stream", true);
                writer.WriteStartObject("stream_options");
                writer.WriteBoolean("include_usage", true);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteStartArray("content");
            if (options.Image is { } image)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "image_url");
                writer.WriteStartObject("image_url");
                writer.WriteString("url", $"data:{options.ImageMediaType};base64,{Convert.ToBase64String(image.Span)}");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", options.Prompt);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<Outcome> SendAsync(HttpClient http, Uri uri, byte[] body, ServerLoadTestOptions options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                return new Outcome(status, watch.Elapsed.TotalMilliseconds, 0, text);
            }

            return CompletionTokens(text, options.Stream) is { } tokens
                ? new Outcome(200, watch.Elapsed.TotalMilliseconds, tokens, null)
                : new Outcome(-1, watch.Elapsed.TotalMilliseconds, 0, "the answer had no usage (or ended in an error event)");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new Outcome(0, watch.Elapsed.TotalMilliseconds, 0, ex.Message);
        }
    }

    private static long? CompletionTokens(string text, bool stream)
    {
        if (!stream)
        {
            using var document = JsonDocument.Parse(text);
            return Usage(document.RootElement);
        }

        long? tokens = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(line[6..]));
            if (document.RootElement.TryGetProperty("error", out _))
            {
                return null;
            }

            tokens = Usage(document.RootElement) ?? tokens;
        }

        return text.Contains("data: [DONE]", StringComparison.Ordinal) ? tokens : null;
    }

    private static long? Usage(JsonElement root) =>
        root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty("completion_tokens", out var completion)
            ? completion.GetInt64()
            : null;

    /// <summary>One request: its status (0: no response; -1: 200 without a usable answer), latency and tokens.</summary>
    private readonly record struct Outcome(int Status, double Milliseconds, long CompletionTokens, string? Error);
}
