using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Agents.Server;

/// <summary>
/// The OpenAI-compatible HTTP endpoint over one <see cref="IChatClient"/>, on ASP.NET Core's Kestrel:
/// <c>POST /v1/chat/completions</c> (JSON or server-sent events), <c>GET /v1/models</c>, <c>GET /health</c> and
/// <c>GET /metrics</c> (Prometheus). It binds to 127.0.0.1 unless told otherwise.
/// </summary>
/// <example>
/// <code>
/// await using var server = OpenAiServer.Create(chatClient, new OpenAiServerOptions { Port = 8080, ApiKey = "secret" });
/// await server.StartAsync();
/// // any OpenAI client: endpoint http://127.0.0.1:8080/v1, key "secret", model "agents-mini"
/// </code>
/// </example>
public sealed class OpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _started;

    private OpenAiServer(WebApplication app, OpenAiServerOptions options)
    {
        _app = app;
        Options = options;
    }

    /// <summary>Gets the options the server was created with.</summary>
    public OpenAiServerOptions Options { get; }

    /// <summary>Gets the addresses the server listens on once started (with the port it picked when <see cref="OpenAiServerOptions.Port"/> is 0).</summary>
    public IReadOnlyList<Uri> Urls =>
        [.. (_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];

    /// <summary>Gets the host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Creates the server; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="client">The chat client that answers; the caller owns it.</param>
    /// <param name="options">The options (validated); null for the defaults.</param>
    /// <param name="configureLogging">Configures the host's logging (for example console logging); null keeps none.</param>
    /// <returns>The server.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static OpenAiServer Create(IChatClient client, OpenAiServerOptions? options = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new OpenAiServerOptions();
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new RequestGate(options.MaxConcurrentRequests, options.MaxQueuedRequests));
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddSingleton(_ => new RemoteImageFetcher(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, options.MaxRemoteImageBytes));
        builder.Services.AddSingleton<ChatCompletionsEndpoint>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServerMetrics.Name, VlmTelemetry.Name)
            .AddPrometheusExporter());
        var app = builder.Build();
        Map(app, options);
        return new OpenAiServer(app, options);
    }

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server listens.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server unless started, runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C in the CLI), then stops gracefully.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app, OpenAiServerOptions options)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            app.Use((context, next) => ApiKey.Check(context, next, options.ApiKey));
        }

        var started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        app.MapGet("/health", () => Results.Text("""{"status":"ok"}""", "application/json"));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/v1/models", context => ChatCompletionsEndpoint.WriteJsonAsync(context, StatusCodes.Status200OK, writer => Wire.ChatCompletionJson.WriteModels(writer, [options.ModelId], started, "agents")));
        var endpoint = app.Services.GetRequiredService<ChatCompletionsEndpoint>();
        app.MapPost("/v1/chat/completions", endpoint.HandleAsync);
        app.MapFallback(context => ChatCompletionsEndpoint.WriteJsonAsync(context, StatusCodes.Status404NotFound, writer => Wire.ChatCompletionJson.WriteError(writer, $"No route for {context.Request.Method} {context.Request.Path}; this server serves POST /v1/chat/completions, GET /v1/models, GET /health and GET /metrics.", "invalid_request_error", null, "not_found")));
    }
}
