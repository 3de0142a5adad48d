using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Agents.Cli.Inputs;
using Agents.Core.Coordination;
using Agents.Core.Gui;
using Agents.Mcp;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Actions;
using Plugins.Gui.Browser;
using Plugins.Gui.Seeing;
using Plugins.Tools.Retrieval;

namespace Agents.Cli.Commands;

/// <summary>
/// <c>agents chat</c>: an interactive chat with the coordinator, which hands each request to the GUI, tools or empathy
/// agent (Agent Framework handoff workflow). Answers stream; <c>/image &lt;path&gt;</c> attaches an image to the next
/// message; <c>/save</c> and <c>/load</c> keep the history as JSON; Ctrl+C cancels the current answer, not the session.
/// </summary>
internal static class ChatCommand
{
    private const string Help = "commands: /image <path> (attach to the next message), /save <file>, /load <file>, /clear, /help, /exit; Ctrl+C cancels the current answer";

    public static Command Create(CliServices services)
    {
        var models = new ChatModelChoice();
        var history = CliOptions.Text("--history", "Load this history file (JSON, from /save) first.", "file");
        var maxTokens = CliOptions.Int("--max-tokens", "The most tokens per answer.", 1, 256);
        var command = new Command("chat", "An interactive chat with the coordinator agent, which hands off to the GUI agent (web pages in Chromium), the tools agent and the empathy agent. " + Help + ".")
        {
            history, maxTokens,
        };
        models.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var model = models.Open(parse, services);
            // The workflow reports a failed agent only as "an error occurred"; the logging client logs the cause.
            using var client = model.Client.AsBuilder().UseLogging(services.Loggers).Build();
            var collection = new ServiceCollection();
            collection.AddSingleton(services.Loggers);
            collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            collection.AddSingleton(client);
            collection.AddPlatformTools();
            await using var provider = collection.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var team = CreateTeam(client, scope.ServiceProvider, services.Loggers);
            var messages = parse.GetValue(history) is { } path ? await LoadAsync(path, cancellationToken).ConfigureAwait(false) : [];
            services.Console.Note($"agents chat: {model.Description}; {messages.Count} messages loaded. {Help}.");
            await new ChatLoop(team, services, messages, parse.GetValue(maxTokens)).RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The coordinator's handoff workflow as one agent, over the platform's plugins in <paramref name="scope"/>.</summary>
    internal static AIAgent CreateTeam(IChatClient client, IServiceProvider scope, ILoggerFactory loggers)
    {
        var kernel = PlatformKernel.Create(scope);
        var catalogue = kernel.Plugins.Where(p => p.Name is "affect" or "support").SelectMany(p => p.AsAIFunctions(kernel)).Cast<AITool>().ToList();
        var gui = new GuiAgent(client, scope.GetRequiredService<GuiTaskSession>(), scope.GetRequiredService<GuiPlugin>(), scope.GetRequiredService<PageObserver>(), loggers: loggers);
        var specialists = new AIAgent[]
        {
            PlatformAgents.CreateGuiAgent(client, gui, loggers: loggers),
            PlatformAgents.CreateToolAgent(client, catalogue, scope.GetRequiredService<IToolRetriever>(), o => o.TopK = 3, loggers),
            PlatformAgents.CreateEmpathyAgent(client, loggers: loggers),
        };
        return PlatformWorkflows.CreateHandoff(PlatformAgents.CreateCoordinator(client, loggers), specialists).AsAIAgent(name: "agents");
    }

    internal static async Task<List<ChatMessage>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        InputPaths.RequireFile("--history", path, "a chat history saved with /save");
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<ChatMessage>>(stream, AIJsonUtilities.DefaultOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException($"'{path}' holds no messages.");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"'{path}' is not a chat history saved with /save: {ex.Message}");
        }
    }

    internal static async Task SaveAsync(string path, List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, messages, AIJsonUtilities.DefaultOptions, cancellationToken).ConfigureAwait(false);
    }
}
