using System;
using System.CommandLine;
using System.Globalization;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using Agents.Server;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.Logging;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents serve</c>: the OpenAI-compatible endpoint (<c>/v1/chat/completions</c>, <c>/v1/models</c>,
/// <c>/health</c>, <c>/metrics</c>) over a local model, on 127.0.0.1 unless told otherwise, until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The environment variable read for the API key when --api-key is not given.</summary>
    public const string ApiKeyVariable = "AGENTS_API_KEY";

    public static Command Create(CliServices services)
    {
        var defaults = new OpenAiServerOptions();
        var model = CliOptions.Text("--model", $"The model: a package folder or a checkpoint folder (llava-hf or Qwen2.5-VL). Default: the embedded {DefaultModel.Id}.", "package-or-checkpoint");
        var host = CliOptions.Text("--host", "The address to bind; 0.0.0.0 serves other machines (put it behind a load balancer and set --api-key).", "address", defaults.Host);
        var port = CliOptions.Int("--port", "The TCP port (0 picks a free one).", 0, defaults.Port);
        var apiKey = CliOptions.Text("--api-key", $"Require 'Authorization: Bearer <key>' on every route but /health. Default: ${ApiKeyVariable}, else none.", "key");
        var modelId = CliOptions.Text("--model-id", "The model id /v1/models lists and requests name.", "id", DefaultModel.Id);
        var concurrent = CliOptions.Int("--max-concurrent", "Requests that run at once; the engine batches their decode steps.", 1, defaults.MaxConcurrentRequests);
        var queue = CliOptions.Int("--max-queue", "Requests that may wait for a slot; one more is answered 429.", 0, defaults.MaxQueuedRequests);
        var timeout = CliOptions.Int("--timeout", "Seconds a request may take, waiting included; longer is answered 504.", 1, (int)defaults.RequestTimeout.TotalSeconds);
        var maxRequest = CliOptions.Int("--max-request-mb", "The largest request body in MiB (images travel base64 inside it); larger is answered 413.", 1, (int)(defaults.MaxRequestBytes >> 20));
        var remote = CliOptions.Flag("--allow-remote-images", "Accept http(s) image URLs and download them (default: data URIs only).");
        var cpu = CliOptions.Flag("--cpu", "Run the model on the CPU even when CUDA is available.");
        var command = new Command("serve", "An OpenAI-compatible HTTP endpoint over a local model: POST /v1/chat/completions (text and image_url parts, streaming, tools, response_format, pruning_method and visual_token_budget as extra fields), GET /v1/models, GET /health, GET /metrics (Prometheus). Ctrl+C stops it.")
        {
            model, host, port, apiKey, modelId, concurrent, queue, timeout, maxRequest, remote, cpu,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new OpenAiServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable),
                ModelId = parse.GetValue(modelId)!,
                MaxConcurrentRequests = parse.GetValue(concurrent),
                MaxQueuedRequests = parse.GetValue(queue),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxRequestBytes = (long)parse.GetValue(maxRequest) << 20,
                AllowRemoteImages = parse.GetValue(remote),
            };
            if (options.Host != "127.0.0.1" && options.Host != "localhost" && string.IsNullOrEmpty(options.ApiKey))
            {
                services.Console.Note($"warning: serving on {options.Host} without an API key; anyone who reaches the port can use the model (set --api-key or ${ApiKeyVariable}).");
            }

            var package = ModelResolver.Resolve("--model", DefaultModel.Or(parse.GetValue(model)), services.Console, quiet: false);
            using var engine = VlmEngine.Load(package, new VlmEngineOptions
            {
                ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto,
                MaxConcurrentRequests = Math.Max(options.MaxConcurrentRequests, 1),
            }, services.Loggers);
            using var chat = new LocalVlmChatClient(engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = options.ModelId }, services.Loggers);
            await using var server = OpenAiServer.Create(chat, options, logging => logging.AddProvider(new ForwardingLoggerProvider(services.Loggers)));
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var url in server.Urls)
            {
                services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"serving {options.ModelId} ({package}, {engine.ExecutionProvider}) at {url}v1  (health {url}health, metrics {url}metrics); Ctrl+C stops"));
            }

            await server.RunAsync(cancellationToken).ConfigureAwait(false);
            services.Console.Note("stopped");
            return ExitCodes.Success;
        });
        return command;
    }
}
