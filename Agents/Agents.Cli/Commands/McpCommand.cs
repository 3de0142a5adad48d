using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Agents.Cli.Inputs;
using Agents.Cli.Output;
using Agents.Mcp;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Evaluation;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents mcp</c>: the platform's plugins (GUI in Chromium, tool selection, affect, emotional support) as Model
/// Context Protocol tools, on standard input/output (what MCP clients launch) or, with <c>--http</c>, on streamable
/// HTTP at 127.0.0.1. Messages for people go to standard error; standard output carries only the protocol.
/// </summary>
internal static class McpCommand
{
    public static Command Create(CliServices services)
    {
        var defaults = new McpToolServerOptions();
        var model = CliOptions.Text("--model", $"The model behind the affect, support, vision and hybrid tools: a package folder or a llava-hf checkpoint folder. Default: the embedded {DefaultModel.Id}.", "package-or-checkpoint");
        var http = CliOptions.Flag("--http", "Serve streamable HTTP instead of stdio.");
        var host = CliOptions.Text("--host", "The address --http binds.", "address", defaults.Host);
        var port = CliOptions.Int("--port", "The TCP port of --http (0 picks a free one).", 0, defaults.Port);
        var path = CliOptions.Text("--path", "The HTTP route of the MCP endpoint.", "route", defaults.Path);
        var grounder = CliOptions.Choice("--grounder", "The grounder of the GUI tools: dom (accessibility tree and MiniLM; default), ocr (Tesseract), vision or hybrid (the model).", [.. GrounderFactory.Names]);
        var headed = CliOptions.Flag("--headed", "Show the Chromium window (needs a display).");
        var origins = CliOptions.Repeated("--allow-origin", "An origin the GUI tools may open, e.g. http://127.0.0.1:5000 (repeat it; default: the first origin opened).", "origin");
        var cpu = CliOptions.Flag("--cpu", "Run the model on the CPU even when CUDA is available.");
        var command = new Command("mcp", "The GUI, tool-selection, affect and support plugins as MCP tools (gui_*, tools_find_tools, affect_*, support_*) on stdio, or on HTTP at 127.0.0.1 with --http. Any MCP client (an IDE, a desktop assistant, Semantic Kernel) can then drive the browser and the grounders.")
        {
            model, http, host, port, path, grounder, headed, origins, cpu,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var serverOptions = new McpToolServerOptions { Host = parse.GetValue(host)!, Port = parse.GetValue(port), Path = parse.GetValue(path)! };
            var toolOptions = new PlatformToolsOptions
            {
                Grounder = parse.GetValue(grounder) ?? "dom",
                Headless = !parse.GetValue(headed),
                AllowedOrigins = [.. parse.GetValue(origins) ?? []],
            };
            try
            {
                serverOptions.Validate();
                toolOptions.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }

            var package = ModelResolver.Resolve("--model", DefaultModel.Or(parse.GetValue(model)), services.Console, quiet: true);
            using var engine = VlmEngine.Load(package, new VlmEngineOptions
            {
                ExecutionProvider = parse.GetValue(cpu) ? ExecutionProviderPreference.Cpu : ExecutionProviderPreference.Auto,
            }, services.Loggers);
            var collection = new ServiceCollection();
            collection.AddSingleton(services.Loggers);
            collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            collection.AddSingleton<IChatClient>(_ => new LocalVlmChatClient(engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = DefaultModel.Id }, services.Loggers));
            collection.AddPlatformTools(o =>
            {
                o.Grounder = toolOptions.Grounder;
                o.Headless = toolOptions.Headless;
                o.AllowedOrigins = toolOptions.AllowedOrigins;
            });
            await using var provider = collection.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var tools = McpKernelTools.Create(PlatformKernel.Create(scope.ServiceProvider));
            void Logging(ILoggingBuilder logging) => logging.AddProvider(new ForwardingLoggerProvider(services.Loggers));
            await using var server = parse.GetValue(http)
                ? McpToolServer.CreateHttp(tools, serverOptions, Logging)
                : McpToolServer.CreateStdio(tools, serverOptions, Logging);
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            var where = parse.GetValue(http) ? string.Join(", ", server.Urls.Select(u => new Uri(u, serverOptions.Path.TrimStart('/')).ToString())) : "stdio";
            services.Console.Note(string.Create(CultureInfo.InvariantCulture, $"agents mcp: {tools.Count} tools ({string.Join(", ", McpKernelTools.Names(tools))}) on {where}; model {package} on {engine.ExecutionProvider}, grounder {toolOptions.Grounder}; Ctrl+C stops"));
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
