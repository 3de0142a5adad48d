using Agents.TestSupport;
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Plugins.Affect.Stimuli;

namespace Plugins.Affect.Tests.Stimuli;

public sealed class EmotionalStimulusPromptRenderFilterTests
{
    private const string Stress2 = "The deadline is close and this answer cannot be redone, so get it right under pressure.";

    [Fact]
    public async Task InvokePrompt_EnabledAllowedFunction_ModelReceivesPromptEndingWithStimulus()
    {
        // Arrange
        var inner = new RecordingChatClient("a short summary");
        var kernel = NewKernel(inner, o => { o.Enabled = true; o.StimulusId = "neg-stress-2"; o.AllowedFunctions.Add("summarise"); });
        var function = kernel.CreateFunctionFromPrompt("Summarise in one line: {{$input}}", functionName: "summarise");

        // Act
        var result = await kernel.InvokeAsync(function, new KernelArguments { ["input"] = "The meeting moved to Friday." });

        // Assert: the stimulus is in what the model saw, not in the function's result.
        Assert.Equal("Summarise in one line: The meeting moved to Friday. " + Stress2, inner.LastText(0));
        Assert.Equal("a short summary", result.GetValue<string>());
    }

    [Fact]
    public async Task InvokePrompt_Disabled_PromptUnchanged()
    {
        var inner = new RecordingChatClient("ok");
        var kernel = NewKernel(inner, o => o.AllowedFunctions.Add("summarise"));
        var function = kernel.CreateFunctionFromPrompt("Summarise in one line: {{$input}}", functionName: "summarise");

        await kernel.InvokeAsync(function, new KernelArguments { ["input"] = "The meeting moved to Friday." });

        Assert.Equal("Summarise in one line: The meeting moved to Friday.", inner.LastText(0));
    }

    [Fact]
    public async Task InvokePrompt_FunctionNotAllowed_PromptUnchanged()
    {
        var inner = new RecordingChatClient("ok");
        var kernel = NewKernel(inner, o => { o.Enabled = true; o.AllowedFunctions.Add("summarise"); });
        var function = kernel.CreateFunctionFromPrompt("Greet {{$name}} warmly.", functionName: "greet_user");

        await kernel.InvokeAsync(function, new KernelArguments { ["name"] = "Ana" });

        Assert.Equal("Greet Ana warmly.", inner.LastText(0));
    }

    [Fact]
    public async Task InvokePrompt_ChatMessageTemplate_StimulusGoesInsideLastUserMessage()
    {
        var inner = new RecordingChatClient("1 2 3");
        var kernel = NewKernel(inner, o => { o.Enabled = true; o.Placement = StimulusPlacement.AppendOnNewLine; o.AllowedFunctions.Add("tasks.sort"); });
        var function = KernelFunctionFactory.CreateFromPrompt(
            "<message role=\"system\">Be brief.</message>\n<message role=\"user\">Sort: 3 1 2</message>", functionName: "sort");
        kernel.Plugins.AddFromFunctions("tasks", [function]);

        await kernel.InvokeAsync(kernel.Plugins["tasks"]["sort"]);

        var sent = inner.Calls[0].Messages;
        Assert.Equal(2, sent.Count);
        Assert.Equal("Be brief.", sent[0].Text);
        Assert.Equal("Sort: 3 1 2\nCheck your reasoning once more before you answer; the result will be used in a real decision.", sent[1].Text);
    }

    [Fact]
    public async Task InvokePrompt_ArgumentSaysNone_PromptUnchanged()
    {
        var inner = new RecordingChatClient("ok");
        var kernel = NewKernel(inner, o => { o.Enabled = true; o.AllowedFunctions.Add("summarise"); });
        var function = kernel.CreateFunctionFromPrompt("Summarise: {{$input}}", functionName: "summarise");

        await kernel.InvokeAsync(function, new KernelArguments { ["input"] = "x", [EmotionalStimulusChatClient.RequestKey] = "none" });

        Assert.Equal("Summarise: x", inner.LastText(0));
    }

    [Theory]
    [InlineData("Do it.", "Do it. S.")]
    [InlineData("Do it.\n\n", "Do it. S.")]
    [InlineData("", "S.")]
    [InlineData("<message role=\"user\">Do it.</message>\n", "<message role=\"user\">Do it. S.</message>")]
    [InlineData("<message role=\"assistant\">Done.</message>", null)]
    public void AppendToPrompt_Cases_ExactText(string prompt, string? expected)
    {
        var stimulus = new EmotionalStimulus("s", StimulusPolarity.Positive, StimulusTheory.SelfMonitoring, "S.");

        Assert.Equal(expected, EmotionalStimulusPromptRenderFilter.AppendToPrompt(prompt, stimulus, StimulusPlacement.AppendWithSpace));
    }

    private static Kernel NewKernel(RecordingChatClient inner, Action<EmotionalStimulusOptions> configure)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IChatCompletionService>(inner.AsChatCompletionService());
        builder.Services.AddEmotionalStimulusPromptFilter(configure);
        return builder.Build();
    }
}
