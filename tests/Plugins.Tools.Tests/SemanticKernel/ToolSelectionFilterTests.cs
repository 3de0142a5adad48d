using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.SemanticKernel;
using Plugins.Tools.Tests.Support;

namespace Plugins.Tools.Tests.SemanticKernel;

/// <summary>
/// The SK filter on a kernel of 32 functions whose chat service is a fake IChatClient behind SK's
/// AsChatCompletionService bridge: the tools that reach the fake are recorded.
/// </summary>
public sealed class ToolSelectionFilterTests
{
    private static PromptExecutionSettings AutoSettings() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    [Fact]
    public async Task InvokePromptAsync_WithoutTheFilter_OffersAllFunctions()
    {
        // Arrange: the control: SK's bridge advertises every kernel function.
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);

        // Act
        await kernel.InvokePromptAsync("Will I need an umbrella?", new KernelArguments(AutoSettings()));

        // Assert
        Assert.Equal(32, KernelFixtures.OfferedTools(chat).Count);
    }

    [Fact]
    public async Task InvokePromptAsync_AutoChoice_OffersOnlyTheShortlist()
    {
        // Arrange
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        var retriever = new FixedToolRetriever("fixed", "Weather_action3", "Mail_action1", "Music_action7");
        kernel.UseToolSelection(retriever, o => o.TopK = 2);
        var settings = AutoSettings();
        var arguments = new KernelArguments(settings) { ["city"] = "Lisbon" };
        var callerSettings = arguments.ExecutionSettings;

        // Act
        await kernel.InvokePromptAsync("Will I need an umbrella in {{$city}}?", arguments);
        var secondArguments = new KernelArguments(settings);
        await kernel.InvokePromptAsync("Will I need an umbrella?", secondArguments);

        // Assert: the rendered prompt is the query; the caller's arguments and settings are as they were.
        Assert.Equal(["Mail_action1", "Weather_action3"], KernelFixtures.OfferedTools(chat));
        Assert.Equal("Will I need an umbrella in Lisbon?", retriever.Queries[0].Instruction);
        Assert.Same(callerSettings, arguments.ExecutionSettings);
        Assert.IsType<AutoFunctionChoiceBehavior>(settings.FunctionChoiceBehavior);
        Assert.Null(((AutoFunctionChoiceBehavior)settings.FunctionChoiceBehavior!).Functions);
        Assert.Same(settings, secondArguments.ExecutionSettings!.Values.Single());
    }

    [Fact]
    public async Task InvokeAsync_PromptFunctionWithFrozenSettings_OffersOnlyTheShortlist()
    {
        // Arrange: the settings belong to the function (SK freezes them).
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        kernel.UseToolSelection(new FixedToolRetriever("fixed", "Calendar_action0", "Calendar_action5"), o => o.TopK = 2);
        var function = kernel.CreateFunctionFromPrompt("Book a meeting with Ana on Monday", AutoSettings());

        // Act
        await kernel.InvokeAsync(function);

        // Assert
        Assert.Equal(["Calendar_action0", "Calendar_action5"], KernelFixtures.OfferedTools(chat));
    }

    [Fact]
    public async Task InvokePromptAsync_RequiredChoice_StaysRequiredOverTheShortlist()
    {
        // Arrange
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        kernel.UseToolSelection(new FixedToolRetriever("fixed", "Music_action2"), o => o.TopK = 1);

        // Act
        await kernel.InvokePromptAsync("Play something", new KernelArguments(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Required() }));

        // Assert
        Assert.Equal(["Music_action2"], KernelFixtures.OfferedTools(chat));
        Assert.IsType<RequiredChatToolMode>(chat.Requests[^1].Options!.ToolMode);
    }

    [Fact]
    public async Task InvokePromptAsync_RealBm25AndAlwaysInclude_OffersMatchesAndTheIncludedFunction()
    {
        // Arrange: BM25 over the function texts ("Weather action number 3" ...): "weather" and "3" pick Weather_action3 first.
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        kernel.UseToolSelection(new Bm25ToolRetriever(), o =>
        {
            o.TopK = 1;
            o.AlwaysInclude.Add("Mail_action0");
        });

        // Act
        await kernel.InvokePromptAsync("run weather action 3", new KernelArguments(AutoSettings()));

        // Assert
        Assert.Equal(["Mail_action0", "Weather_action3"], KernelFixtures.OfferedTools(chat));
    }

    [Fact]
    public async Task InvokePromptAsync_NoFunctionChoice_LeavesTheRequestAlone()
    {
        // Arrange
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        var retriever = new FixedToolRetriever("fixed", "Music_action2");
        kernel.UseToolSelection(retriever, o => o.TopK = 1);

        // Act
        await kernel.InvokePromptAsync("Hello");

        // Assert
        Assert.Empty(KernelFixtures.OfferedTools(chat));
        Assert.Empty(retriever.Queries);
    }

    [Fact]
    public async Task InvokePromptAsync_MiddlewarePath_OffersOnlyTheShortlist()
    {
        // Arrange: the chat-client route: a client built with UseToolSelection, then SK's bridge; no filter.
        var chat = new FakeChatClient();
        var selecting = chat.AsBuilder().UseToolSelection(new FixedToolRetriever("fixed", "Weather_action1", "Weather_action2"), o => o.TopK = 2).Build();
        var kernel = KernelFixtures.Create(selecting);

        // Act
        await kernel.InvokePromptAsync("Will I need an umbrella?", new KernelArguments(AutoSettings()));

        // Assert
        Assert.Equal(["Weather_action1", "Weather_action2"], KernelFixtures.OfferedTools(chat));
    }

    [Fact]
    public async Task InvokePromptStreamingAsync_Streaming_IsLeftToTheMiddleware()
    {
        // Arrange: SK renders a streaming prompt after the invocation filters return, so the filter stands aside.
        var chat = new FakeChatClient();
        var kernel = KernelFixtures.Create(chat);
        var retriever = new FixedToolRetriever("fixed", "Music_action2");
        kernel.UseToolSelection(retriever, o => o.TopK = 1);

        // Act
        await foreach (var update in kernel.InvokePromptStreamingAsync("Play something", new KernelArguments(AutoSettings())))
        {
            Assert.NotNull(update);
        }

        // Assert
        Assert.Equal(32, KernelFixtures.OfferedTools(chat).Count);
        Assert.Empty(retriever.Queries);
    }

    [Theory]
    [InlineData("<message role=\"user\">Will it rain &amp; snow?</message>", "Will it rain & snow?")]
    [InlineData("plain text", "plain text")]
    public void PromptText_ChatPromptMarkup_IsRemoved(string rendered, string expected)
    {
        // Act
        var text = ToolSelectionFilter.PromptText(rendered);

        // Assert
        Assert.Equal(expected, text);
    }
}
