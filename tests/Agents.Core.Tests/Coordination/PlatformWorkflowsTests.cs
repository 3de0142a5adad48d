using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Agents.Core.Coordination;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Coordination;

/// <summary>The coordinator's handoff and group-chat workflows on Agent Framework, over hand-written models.</summary>
public sealed class PlatformWorkflowsTests
{
    [Fact]
    public async Task Handoff_CoordinatorRoutesToTheToolAgent_ItKeepsItsOwnToolsAndAnswers()
    {
        var weatherCalls = 0;
        var weather = AIFunctionFactory.Create((string city) => { weatherCalls++; return $"Sunny in {city}"; }, "get_weather", "Gets the weather for a city.");
        var coordinatorModel = new ScriptedAgentModel((i, options, _) => ScriptedAgentModel.CallToolContaining(options, "tools"));
        var toolModel = new ScriptedAgentModel((i, options, messages) => messages.Any(m => m.Contents.OfType<FunctionResultContent>().Any(r => r.CallId.StartsWith("w-", StringComparison.Ordinal)))
            ? new ChatMessage(ChatRole.Assistant, "It is sunny in Oslo.")
            : new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("w-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]));
        var coordinator = PlatformAgents.CreateCoordinator(coordinatorModel);
        var tools = new ChatClientAgent(toolModel, "Call tools.", "tools", "Answers with tools.", [weather]);
        var empathy = new ChatClientAgent(new ScriptedAgentModel((_, _, _) => new ChatMessage(ChatRole.Assistant, "I hear you.")), "Support.", "empathy", "The empathy agent supports the user.");

        var workflow = PlatformWorkflows.CreateHandoff(coordinator, [tools, empathy]);
        var response = await workflow.AsAIAgent(name: "team").RunAsync("What is the weather in Oslo?");

        Assert.True(response.Text.Contains("It is sunny in Oslo.", StringComparison.Ordinal), $"coordinator calls {coordinatorModel.ToolsPerCall.Count} [{string.Join(",", coordinatorModel.ToolsPerCall.FirstOrDefault() ?? [])}], tool calls {toolModel.ToolsPerCall.Count}; messages: {string.Join(" | ", response.Messages.Select(m => $"{m.Role}/{m.AuthorName}: {m.Text} [{string.Join(",", m.Contents.Select(c => c is ErrorContent e ? e.Message : c.GetType().Name))}]"))}");
        Assert.Equal(1, weatherCalls);
        Assert.All(toolModel.ToolsPerCall, names => Assert.Contains("get_weather", names));
        Assert.All(toolModel.ToolsPerCall, names => Assert.Contains(names, n => n != "get_weather"));
        Assert.DoesNotContain(coordinatorModel.ToolsPerCall.First(), n => n == "get_weather");
        Assert.IsType<RequiredChatToolMode>(coordinatorModel.ToolModePerCall.First());
        Assert.Contains("You are the coordinator", coordinatorModel.InstructionsPerCall.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handoff_SpecialistAnswersWithoutHandoff_TurnEndsWithItsAnswer()
    {
        var coordinatorModel = new ScriptedAgentModel((_, options, _) => ScriptedAgentModel.CallToolContaining(options, "empathy"));
        var empathyModel = new ScriptedAgentModel((_, _, _) => new ChatMessage(ChatRole.Assistant, "That sounds hard. What happened?"));
        var workflow = PlatformWorkflows.CreateHandoff(
            PlatformAgents.CreateCoordinator(coordinatorModel),
            [new ChatClientAgent(empathyModel, "Support.", "empathy", "The empathy agent supports the user."), new ChatClientAgent(new ScriptedAgentModel((_, _, _) => new ChatMessage(ChatRole.Assistant, "x")), "Tools.", "tools", "Tools.")]);

        var response = await workflow.AsAIAgent(name: "team").RunAsync("I feel awful today.");

        Assert.Contains("That sounds hard.", response.Text, StringComparison.Ordinal);
        Assert.Single(empathyModel.ToolsPerCall);
        Assert.Single(coordinatorModel.ToolsPerCall);
    }

    [Fact]
    public async Task GroupChat_TwoAgentsThreeIterations_RoundRobinThenStops()
    {
        var a = new ScriptedAgentModel((i, _, _) => new ChatMessage(ChatRole.Assistant, $"A{i}"));
        var b = new ScriptedAgentModel((i, _, _) => new ChatMessage(ChatRole.Assistant, $"B{i}"));
        var workflow = PlatformWorkflows.CreateGroupChat([new ChatClientAgent(a, "Be A.", "a"), new ChatClientAgent(b, "Be B.", "b")], maxIterations: 3);

        var response = await workflow.AsAIAgent(name: "group").RunAsync("Discuss.");

        Assert.Equal(2, a.ToolsPerCall.Count);
        Assert.Single(b.ToolsPerCall);
        Assert.Contains("A1", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Handoff_NoSpecialists_ThrowsSayingWhatIsMissing()
    {
        var e = Assert.Throws<ArgumentException>(() => PlatformWorkflows.CreateHandoff(PlatformAgents.CreateCoordinator(new ScriptedAgentModel((_, _, _) => new ChatMessage(ChatRole.Assistant, "x"))), []));

        Assert.Contains("at least one specialist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompts_EveryAgent_LoadsNameDescriptionAndInstructions()
    {
        foreach (var file in new[] { "coordinator", "gui", "tools", "empathy" })
        {
            var prompt = Agents.Core.Prompts.AgentPrompt.Load(file);
            Assert.Equal(file, prompt.Name);
            Assert.False(string.IsNullOrWhiteSpace(prompt.Description));
            Assert.True(prompt.Instructions.Length > 40);
            Assert.DoesNotContain("---", prompt.Instructions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prompts_NoFrontMatter_InvalidDataNamingTheSource()
    {
        var e = Assert.Throws<System.IO.InvalidDataException>(() => Agents.Core.Prompts.AgentPrompt.Parse("Just text.", "mine.md"));

        Assert.Contains("'mine.md' has no front matter", e.Message, StringComparison.Ordinal);
    }
}
