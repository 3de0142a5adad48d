using System;
using System.Collections.Generic;
using Agents.Core.Gui;
using Agents.Core.Prompts;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Retrieval;
using Plugins.Tools.Selection;

namespace Agents.Core.Coordination;

/// <summary>
/// Creates the platform's agents as Agent Framework <see cref="ChatClientAgent"/>s over any <see cref="IChatClient"/>
/// (the local model, or an OpenAI-compatible endpoint), with their instructions from <c>Prompts/Agents/</c>.
/// </summary>
public static class PlatformAgents
{
    /// <summary>
    /// The coordinator: routes each request to a specialist through the handoff workflow's functions. Its tool mode is
    /// required, so every answer is a handoff (with a local model, constrained decoding makes it a valid call).
    /// </summary>
    /// <param name="client">The model.</param>
    /// <param name="loggers">Creates loggers; null for none.</param>
    /// <returns>The agent (no tools of its own: the workflow adds the handoffs).</returns>
    public static ChatClientAgent CreateCoordinator(IChatClient client, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var prompt = AgentPrompt.Load("coordinator");
        return new ChatClientAgent(client, new ChatClientAgentOptions
        {
            Name = prompt.Name,
            Description = prompt.Description,
            ChatOptions = new ChatOptions { Instructions = prompt.Instructions, ToolMode = ChatToolMode.RequireAny },
        }, loggers);
    }

    /// <summary>The tool agent: offers the model only a shortlist of <paramref name="tools"/> per request (the tool-selection middleware over <paramref name="retriever"/>), and runs the call it makes.</summary>
    /// <param name="client">The model.</param>
    /// <param name="tools">The catalogue (functions the agent may call).</param>
    /// <param name="retriever">Shortlists the catalogue for each request (for example the hybrid MiniLM retriever).</param>
    /// <param name="configure">Adjusts the selection (shortlist size, ...).</param>
    /// <param name="loggers">Creates loggers; null for none.</param>
    /// <returns>The agent.</returns>
    public static ChatClientAgent CreateToolAgent(IChatClient client, IEnumerable<AITool> tools, IToolRetriever retriever, Action<ToolSelectionOptions>? configure = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(retriever);
        return Create(client.AsBuilder().UseToolSelection(retriever, configure).Build(), "tools", [.. tools], loggers);
    }

    /// <summary>The empathy agent: reads the user's affect and chooses a support strategy before each answer (<see cref="Empathy.EmpathyChatClient"/>).</summary>
    /// <param name="client">The model.</param>
    /// <param name="classifyEmotions">Whether to classify emotions as well as the tone (one more model call per turn).</param>
    /// <param name="loggers">Creates loggers; null for none.</param>
    /// <returns>The agent.</returns>
    public static ChatClientAgent CreateEmpathyAgent(IChatClient client, bool classifyEmotions = true, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Create(client.AsBuilder().UseEmpathy(classifyEmotions: classifyEmotions).Build(loggers is null ? null : new LoggerServices(loggers)), "empathy", [], loggers);
    }

    /// <summary>The GUI agent for chats and handoffs: one tool, <c>run_gui_task</c>, that runs <paramref name="gui"/> to the end.</summary>
    /// <param name="client">The model that talks (the GUI agent plans with its own client).</param>
    /// <param name="gui">The GUI agent.</param>
    /// <param name="check">Decides whether a task is done; null trusts the model's done.</param>
    /// <param name="loggers">Creates loggers; null for none.</param>
    /// <returns>The agent.</returns>
    public static ChatClientAgent CreateGuiAgent(IChatClient client, GuiAgent gui, IGuiTaskCheck? check = null, ILoggerFactory? loggers = null) =>
        Create(client, "gui", [GuiAgentTool.Create(gui, check)], loggers);

    private static ChatClientAgent Create(IChatClient client, string promptFile, IList<AITool> tools, ILoggerFactory? loggers)
    {
        ArgumentNullException.ThrowIfNull(client);
        var prompt = AgentPrompt.Load(promptFile);
        return new ChatClientAgent(client, prompt.Instructions, prompt.Name, prompt.Description, tools.Count == 0 ? null : tools, loggers);
    }

    /// <summary>A service provider that offers only the logger factory (for the middleware pipeline).</summary>
    private sealed class LoggerServices(ILoggerFactory loggers) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ILoggerFactory) ? loggers : null;
    }
}
