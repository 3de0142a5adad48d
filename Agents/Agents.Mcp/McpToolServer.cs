using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Agents.Mcp;

/// <summary>
/// Serves a fixed set of <see cref="McpServerTool"/>s (typically <see cref="McpKernelTools.Create"/> of the platform's
/// plugins) over one of the Model Context Protocol transports: standard input/output (what desktop assistants and IDEs
/// launch), any pair of streams, or streamable HTTP on <see cref="McpToolServerOptions.Host"/> (loopback by default).
/// The tools are shared by every session: one browser page for the GUI tools, so one automation client at a time.
/// </summary>
public sealed class McpToolServer : IAsyncDisposable
{
    private readonly IHost _host;
    private int _started;

    private McpToolServer(IHost host) => _host = host;

    /// <summary>Gets the HTTP addresses once started (empty for the stream transports).</summary>
    public IReadOnlyList<Uri> Urls =>
        [.. (_host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a))];

    /// <summary>Creates a server on standard input and output. Logs must go to standard error (the default of <paramref name="configureLogging"/> is none).</summary>
    /// <param name="tools">The tools.</param>
    /// <param name="options">The options (the name); null for the defaults.</param>
    /// <param name="configureLogging">Configures logging; it must not write to standard output.</param>
    /// <returns>The server; <see cref="RunAsync"/> serves until the input closes or the token is cancelled.</returns>
    public static McpToolServer CreateStdio(IEnumerable<McpServerTool> tools, McpToolServerOptions? options = null, Action<ILoggingBuilder>? configureLogging = null) =>
        CreateOverStreams(tools, options, configureLogging, builder => builder.WithStdioServerTransport());

    /// <summary>Creates a server over a pair of streams (for example pipes to a client in the same process).</summary>
    /// <param name="tools">The tools.</param>
    /// <param name="input">Where requests arrive.</param>
    /// <param name="output">Where responses go.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The server.</returns>
    public static McpToolServer CreateOverStreams(IEnumerable<McpServerTool> tools, Stream input, Stream output, McpToolServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return CreateOverStreams(tools, options, null, builder => builder.WithStreamServerTransport(input, output));
    }

    /// <summary>Creates a server on streamable HTTP at <c>http://{Host}:{Port}{Path}</c>.</summary>
    /// <param name="tools">The tools.</param>
    /// <param name="options">The options; null for the defaults (127.0.0.1:8090/mcp).</param>
    /// <param name="configureLogging">Configures logging; null keeps none.</param>
    /// <returns>The server; <see cref="StartAsync"/> starts listening.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static McpToolServer CreateHttp(IEnumerable<McpServerTool> tools, McpToolServerOptions? options = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        var list = CheckTools(tools);
        options ??= new McpToolServerOptions();
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.Services.AddMcpServer(server => server.ServerInfo = Info(options)).WithTools(list).WithHttpTransport();
        var app = builder.Build();
        app.MapMcp(options.Path);
        return new McpToolServer(app);
    }

    /// <summary>Starts the server (HTTP: listening; streams: reading requests) without waiting for it to end.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once started.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server unless started, then serves until <paramref name="cancellationToken"/> is cancelled (Ctrl+C) or, on stdio, until the input closes.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
            await _host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }

    private static McpToolServer CreateOverStreams(IEnumerable<McpServerTool> tools, McpToolServerOptions? options, Action<ILoggingBuilder>? configureLogging, Func<IMcpServerBuilder, IMcpServerBuilder> transport)
    {
        var list = CheckTools(tools);
        options ??= new McpToolServerOptions();
        options.Validate();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configureLogging?.Invoke(builder.Logging);
        transport(builder.Services.AddMcpServer(server => server.ServerInfo = Info(options)).WithTools(list));
        return new McpToolServer(builder.Build());
    }

    private static IReadOnlyList<McpServerTool> CheckTools(IEnumerable<McpServerTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var list = tools.ToList();
        return list.Count > 0 ? list : throw new ArgumentException("The MCP server has no tools to serve; pass McpKernelTools.Create(kernel) of a kernel with plugins.", nameof(tools));
    }

    private static Implementation Info(McpToolServerOptions options) => new()
    {
        Name = options.ServerName,
        Version = typeof(McpToolServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0",
    };
}
