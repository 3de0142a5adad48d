using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Agents.Bench;
using Agents.Bench.Serving;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using Agents.Server;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents bench serve</c>: a bounded loopback load test of the OpenAI-compatible endpoint. It starts
/// <see cref="OpenAiServer"/> over the model on 127.0.0.1 (or targets <c>--endpoint</c>), then reports requests/s,
/// p50/p99 latency, tokens/s and errors at each concurrency level.
/// </summary>
internal static class BenchServeCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new ServerLoadTestOptions();
        var serverDefaults = new OpenAiServerOptions();
        var model = CliOptions.Text("--model", $"The model to serve: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL). Default: the embedded {DefaultModel.Id}.", "package-or-checkpoint");
        var endpoint = CliOptions.Text("--endpoint", "Load-test this OpenAI-compatible base URL (e.g. http://10.0.0.5:8080/v1) instead of a local server.", "url");
        var apiKey = CliOptions.Text("--api-key", $"The bearer key for --endpoint. Default: ${ServeCommand.ApiKeyVariable}.", "key");
        var modelId = CliOptions.Text("--model-id", "The model id the requests name.", "id");
        var clients = CliOptions.IntList("--clients", $"Concurrency levels, in order. Default: {string.Join(",", defaults.Clients)}.", "list");
        var requests = CliOptions.Int("--requests", "Requests each client sends back to back at every level.", 1, defaults.RequestsPerClient);
        var maxTokens = CliOptions.Int("--max-tokens", "max_tokens of each request.", 1, defaults.MaxTokens);
        var concurrent = CliOptions.Int("--max-concurrent", "The local server's --max-concurrent (requests decoding at once, batched); the rest queue.", 1, serverDefaults.MaxConcurrentRequests);
        var image = CliOptions.Text("--image", "The image sent with every request. Default: a synthetic gradient at the model's image size (or none with --endpoint).", "file");
        var textOnly = CliOptions.Flag("--text-only", "Send no image.");
        var stream = CliOptions.Flag("--stream", "Stream the answers (server-sent events).");
        var threads = CliOptions.Int("--threads", "ONNX Runtime intra-op threads for the local model; 0 lets it choose.", 0, 0);
        var json = CliOptions.Text("--json", "Also write the results to this file as JSON.", "file");
        var command = new Command("serve", "A bounded load test of the OpenAI-compatible endpoint on loopback: requests/s, p50/p99 latency, tokens/s and errors with 1, 8 and 32 concurrent clients (or --clients).")
        {
            model, endpoint, apiKey, modelId, clients, requests, maxTokens, concurrent, image, textOnly, stream, threads, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerLoadTestOptions
            {
                RequestsPerClient = parse.GetValue(requests),
                MaxTokens = parse.GetValue(maxTokens),
                Stream = parse.GetValue(stream),
            };
            if (parse.ValueIfGiven(clients) is { } levels)
            {
                options.Clients = levels.Any(c => c < 1) ? throw new UsageException($"--clients has {string.Join(",", levels)}; every level needs at least 1 client.") : levels;
            }

            if (parse.GetValue(image) is { } imagePath)
            {
                InputPaths.RequireFile("--image", imagePath, "an image file");
                options.Image = await File.ReadAllBytesAsync(imagePath, cancellationToken).ConfigureAwait(false);
                options.ImageMediaType = imagePath.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || imagePath.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? "image/jpeg" : "image/png";
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            if (parse.GetValue(endpoint) is { } remote)
            {
                if (!Uri.TryCreate(remote.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new UsageException($"--endpoint '{remote}' is not an http(s) URL; give the OpenAI base URL, e.g. http://127.0.0.1:8080/v1.");
                }

                options.ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ServeCommand.ApiKeyVariable);
                options.Model = parse.GetValue(modelId);
                return await RunAsync(services, http, new Uri(baseUri, "chat/completions"), options, remote, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }

            var package = ModelResolver.Resolve("--model", DefaultModel.Or(parse.GetValue(model)), services.Console, quiet: false);
            var serving = new OpenAiServerOptions
            {
                Port = 0,
                ModelId = parse.GetValue(modelId) ?? DefaultModel.Id,
                MaxConcurrentRequests = parse.GetValue(concurrent),
                MaxQueuedRequests = Math.Max(serverDefaults.MaxQueuedRequests, options.Clients.Max()),
            };
            using var engine = VlmEngine.Load(package, new VlmEngineOptions
            {
                IntraOpThreads = parse.GetValue(threads),
                MaxConcurrentRequests = serving.MaxConcurrentRequests,
                MaxBatchSize = serving.MaxConcurrentRequests,
            }, services.Loggers);
            if (options.Image is null && !parse.GetValue(textOnly))
            {
                options.Image = BenchImages.For(engine.Package.Manifest).Data;
            }
            else if (parse.GetValue(textOnly))
            {
                options.Image = null;
            }

            options.Model = serving.ModelId;
            using var chat = new LocalVlmChatClient(engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = serving.ModelId }, services.Loggers);
            await using var server = OpenAiServer.Create(chat, serving);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            var where = string.Create(CultureInfo.InvariantCulture, $"{package} on {engine.ExecutionProvider}, served at {server.Urls[0]}v1 (max {serving.MaxConcurrentRequests} decoding at once, batched)");
            return await RunAsync(services, http, new Uri(server.Urls[0], "v1/chat/completions"), options, where, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliServices services, HttpClient http, Uri uri, ServerLoadTestOptions options, string where, string? jsonPath, CancellationToken cancellationToken)
    {
        services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"bench serve: {where}; {options.RequestsPerClient} request(s) per client, max_tokens {options.MaxTokens}, {(options.Image is null ? "text only" : "one image")}, {(options.Stream ? "streaming" : "not streaming")}"));
        var rows = await BenchProgress.RunAsync(services.Console, progress => ServerLoadTest.RunAsync(http, uri, options, progress, cancellationToken)).ConfigureAwait(false);
        var table = ResultTable.Create(">clients", ">requests", ">errors", ">requests/s", ">p50 ms", ">p99 ms", ">tokens/s", ">req/s vs 1 client");
        var baseline = rows[0].RequestsPerSecond;
        foreach (var row in rows)
        {
            table.AddTextRow([
                row.Clients.ToString(CultureInfo.InvariantCulture),
                row.Requests.ToString(CultureInfo.InvariantCulture),
                row.Errors == 0 ? "0" : $"{row.Errors} ({string.Join(", ", row.ErrorsByStatus.Select(e => $"{(e.Key == 0 ? "no answer" : e.Key == -1 ? "bad answer" : e.Key.ToString(CultureInfo.InvariantCulture))}: {e.Value}"))})",
                F(row.RequestsPerSecond, "F2"), F(row.P50Ms, "F0"), F(row.P99Ms, "F0"), F(row.TokensPerSecond, "F1"),
                baseline > 0 ? F(row.RequestsPerSecond / baseline, "F2") + "x" : "-",
            ]);
        }

        services.Console.Output.Write(table);
        if (jsonPath is not null)
        {
            var json = new JsonObject
            {
                ["benchmark"] = "serve",
                ["target"] = where,
                ["requests_per_client"] = options.RequestsPerClient,
                ["max_tokens"] = options.MaxTokens,
                ["image"] = options.Image is not null,
                ["stream"] = options.Stream,
                ["levels"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                {
                    ["clients"] = r.Clients,
                    ["requests"] = r.Requests,
                    ["errors"] = r.Errors,
                    ["requests_per_second"] = Math.Round(r.RequestsPerSecond, 3),
                    ["p50_ms"] = double.IsNaN(r.P50Ms) ? null : Math.Round(r.P50Ms, 1),
                    ["p99_ms"] = double.IsNaN(r.P99Ms) ? null : Math.Round(r.P99Ms, 1),
                    ["tokens_per_second"] = Math.Round(r.TokensPerSecond, 1),
                })]),
            };
            await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
            services.Console.Note($"wrote {jsonPath}");
        }

        return rows.Any(r => r.Errors > 0) ? ExitCodes.RuntimeFailure : ExitCodes.Success;
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
