using Agents.TestSupport;
using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Plugins.Affect.Support;

namespace Plugins.Affect.Tests.Support;

public sealed class EmotionalSupportPluginTests
{
    private const string History = "seeker: I lost my job last week.\nsupporter: I am so sorry to hear that.\n";

    [Fact]
    public async Task SupportReply_ThroughKernel_ReturnsStrategyAndTextAndStatisticsCountIt()
    {
        // Arrange
        var inner = new RecordingChatClient("""{"strategy":"affirmation_and_reassurance"}""", "You have handled hard times before.");
        var kernel = NewKernel(inner);

        // Act
        var reply = (await kernel.InvokeAsync("support", "support_reply", new KernelArguments { ["message"] = "I can't sleep.", ["history"] = History })).GetValue<SupportReply>();
        var stats = (await kernel.InvokeAsync("support", "strategy_statistics")).GetValue<StrategyStatistics>();

        // Assert
        Assert.NotNull(reply);
        Assert.Equal("affirmation_and_reassurance", reply.Strategy);
        Assert.Equal("You have handled hard times before.", reply.Text);
        Assert.Contains("Seeker: I lost my job last week.\nSupporter: I am so sorry to hear that.\nSeeker: I can't sleep.", inner.LastText(0), StringComparison.Ordinal);
        Assert.NotNull(stats);
        Assert.Equal(1, stats.Total);
        Assert.Equal(0.0, stats.EntropyBits);
        Assert.Null(stats.PreferenceBias);
    }

    [Fact]
    public async Task ChooseSupportStrategy_ThroughKernel_ReturnsNameAndDefinition()
    {
        var kernel = NewKernel(new RecordingChatClient("""{"strategy":"question"}"""));

        var strategy = (await kernel.InvokeAsync("support", "choose_support_strategy", new KernelArguments { ["message"] = "Everything is going wrong." })).GetValue<SupportStrategy>();

        Assert.NotNull(strategy);
        Assert.Equal("question", strategy.Name);
        Assert.Equal(SupportStrategySet.Default.Find("question")!.Definition, strategy.Definition);
    }

    [Fact]
    public async Task RespondWithStrategy_ThroughKernel_UsesGivenStrategyAndDoesNotLogIt()
    {
        var inner = new RecordingChatClient("I once felt the same way.");
        var kernel = NewKernel(inner);

        var reply = (await kernel.InvokeAsync("support", "respond_with_strategy", new KernelArguments { ["message"] = "Nobody gets me.", ["strategy"] = "self_disclosure" })).GetValue<SupportReply>();
        var stats = (await kernel.InvokeAsync("support", "strategy_statistics")).GetValue<StrategyStatistics>();

        Assert.Equal(new SupportReply("self_disclosure", SupportStrategySet.Default.Find("self_disclosure")!.Definition, "I once felt the same way."), reply);
        Assert.Equal(ChatRole.System, inner.Calls[0].Messages[0].Role);
        Assert.Equal(0, stats!.Total);
    }

    [Fact]
    public void AddEmotionalSupport_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddEmotionalSupport(o => o.MaxHistoryMessages = 0));
    }

    private static Kernel NewKernel(IChatClient inner)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(inner);
        builder.Services.AddEmotionalSupport();
        var kernel = builder.Build();
        kernel.Plugins.AddFromObject(kernel.Services.GetRequiredService<EmotionalSupportPlugin>(), "support");
        return kernel;
    }
}
