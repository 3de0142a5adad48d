using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace Agents.Core.Coordination;

/// <summary>
/// The coordinator's orchestrations, built with Agent Framework's <see cref="AgentWorkflowBuilder"/>: a handoff
/// workflow (the coordinator hands each request to one specialist, which can hand back) and a round-robin group chat,
/// both with explicit termination.
/// </summary>
public static class PlatformWorkflows
{
    /// <summary>
    /// The handoff workflow: <paramref name="coordinator"/> can hand off to every specialist and each specialist back to
    /// it. A turn ends when an agent answers without handing off, or after <paramref name="maxAgentMessages"/> agent
    /// messages in the conversation, whichever comes first. Each specialist keeps its own tools; the workflow adds the
    /// handoff functions beside them.
    /// </summary>
    /// <param name="coordinator">The entry agent.</param>
    /// <param name="specialists">The agents it routes to.</param>
    /// <param name="maxAgentMessages">The termination bound (at least 1).</param>
    /// <returns>The workflow.</returns>
    /// <exception cref="ArgumentException">No specialists, or the bound is below 1.</exception>
    public static Workflow CreateHandoff(AIAgent coordinator, IReadOnlyList<AIAgent> specialists, int maxAgentMessages = 8)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(specialists);
        if (specialists.Count == 0)
        {
            throw new ArgumentException("The handoff workflow needs at least one specialist agent.", nameof(specialists));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxAgentMessages, 1);
        return AgentWorkflowBuilder.CreateHandoffBuilderWith(coordinator)
            .WithHandoffs(coordinator, specialists)
            .WithHandoffs(specialists, coordinator)
            .WithTerminationCondition(messages => messages.Count(m => m.Role == ChatRole.Assistant) >= maxAgentMessages)
            .Build();
    }

    /// <summary>A round-robin group chat of <paramref name="participants"/> that ends after <paramref name="maxIterations"/> turns.</summary>
    /// <param name="participants">The agents, in speaking order.</param>
    /// <param name="maxIterations">The number of agent turns (at least 1).</param>
    /// <returns>The workflow.</returns>
    /// <exception cref="ArgumentException">Fewer than two participants, or the bound is below 1.</exception>
    public static Workflow CreateGroupChat(IReadOnlyList<AIAgent> participants, int maxIterations = 4)
    {
        ArgumentNullException.ThrowIfNull(participants);
        if (participants.Count < 2)
        {
            throw new ArgumentException($"A group chat needs at least two agents; got {participants.Count}.", nameof(participants));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        return AgentWorkflowBuilder.CreateGroupChatBuilderWith(agents => new RoundRobinGroupChatManager(agents) { MaximumIterationCount = maxIterations })
            .AddParticipants(participants)
            .Build();
    }
}
