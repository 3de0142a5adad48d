using System;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.SemanticKernel.Tests.TestSupport;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LocalModel.SemanticKernel.Tests;

/// <summary>Semantic Kernel's chat completion path over the local model (SK's IChatClient bridge and function calling).</summary>
public sealed class ChatCompletionServiceTests : IClassFixture<TinyLlavaFixture>
{
    private const string NeedsConstraint = "With random weights only constrained decoding (LocalModel.Constrained) makes the model call a tool.";
    private readonly TinyLlavaFixture _fixture;
    private readonly RecordingLogger _log = new();

    public ChatCompletionServiceTests(TinyLlavaFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetChatMessageContents_ImageContentInHistory_ReachesModelAsImage(bool streaming)
    {
        // Arrange
        var kernel = NewKernel();
        var history = new ChatHistory();
        history.AddUserMessage([new TextContent("What is in these pictures?"), new ImageContent(_fixture.ImageBytes, "image/png"), new ImageContent(_fixture.ImageBytes, "image/png")]);
        var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 4 };

        // Act
        var text = await CompleteAsync(kernel, history, settings, streaming);

        // Assert: SK's ImageContent arrived as two images (each 16 visual tokens).
        Assert.NotNull(text);
        Assert.Contains(_log.Entries, e => e.Message.Contains("2 image(s)", StringComparison.Ordinal));
        var prompt = Prompts().Single();
        Assert.Contains("USER: <image>\n<image>\nWhat is in these pictures? ASSISTANT:", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChatMessageContents_StreamingAndNot_GiveTheSameGreedyText()
    {
        var kernel = NewKernel();
        var history = new ChatHistory("Be brief.");
        history.AddUserMessage([new ImageContent(_fixture.ImageBytes, "image/png"), new TextContent("Describe")]);
        var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 10 };

        var whole = await CompleteAsync(kernel, history, settings, streaming: false);
        var streamed = await CompleteAsync(kernel, history, settings, streaming: true);

        Assert.Equal(whole, streamed);
    }

    [Fact]
    public async Task GetChatMessageContents_FunctionChoiceNone_AnswersInTextWithoutOfferingTools()
    {
        // Arrange
        var plugin = new WeatherPlugin();
        var kernel = NewKernel(plugin);
        var history = new ChatHistory();
        history.AddUserMessage([new ImageContent(_fixture.ImageBytes, "image/png"), new TextContent("What's the weather in this city?")]);
        var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 6, FunctionChoiceBehavior = FunctionChoiceBehavior.None() };

        // Act
        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(history, settings, kernel);

        // Assert
        Assert.Equal(AuthorRole.Assistant, reply.Role);
        Assert.DoesNotContain(reply.Items, i => i is FunctionCallContent);
        Assert.Empty(plugin.Calls);
        Assert.DoesNotContain("# Tools", Prompts().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChatMessageContents_UnknownExtensionDataKeyWhenStrict_ThrowsNamingIt()
    {
        var kernel = NewKernel(configure: o => o.ChatClient.StrictRequestSettings = true);
        var settings = new PromptExecutionSettings { ExtensionData = new System.Collections.Generic.Dictionary<string, object> { ["frobnicate"] = 1 } };

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(new ChatHistory("Hi"), settings, kernel));

        Assert.Contains("frobnicate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChatMessageContents_UnknownExtensionDataKeyByDefault_IsIgnored()
    {
        var kernel = NewKernel();
        var settings = new PromptExecutionSettings { ExtensionData = new System.Collections.Generic.Dictionary<string, object> { ["frobnicate"] = 1, ["max_tokens"] = 2 } };

        var reply = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(new ChatHistory("Hi"), settings, kernel);

        Assert.Equal(AuthorRole.Assistant, reply.Role);
    }

    /// <summary>
    /// Needs real constrained decoding (LocalModel.Constrained): with random weights only the tool-call constraint makes
    /// the model emit a valid call.
    /// </summary>
    [Theory]
    [Trait("Requires", "ConstrainedDecoding")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionChoiceRequired_ImageInHistory_InvokesFunctionAndSendsResultBack(bool streaming)
    {
        // Arrange: one function-calling round: the second model call gets no tools and answers from the result.
        var plugin = new WeatherPlugin();
        var kernel = NewKernel(plugin, o =>
        {
            o.MaximumIterationsPerRequest = 1;
            o.ChatClient.DefaultSystemPrompt = "Use the tools.";
        });
        var history = new ChatHistory();
        history.AddUserMessage([new ImageContent(_fixture.ImageBytes, "image/png"), new TextContent("What's the weather in this city?")]);
        var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 120, FunctionChoiceBehavior = FunctionChoiceBehavior.Required() };

        // Act
        await CompleteAsync(kernel, history, settings, streaming);

        // Assert: called once with a city from the schema's enum; the result is in the next prompt.
        Assert.True(plugin.Calls.Count == 1, $"get_weather was called {plugin.Calls.Count} times. {NeedsConstraint}");
        var city = plugin.Calls.Single();
        Assert.True(Enum.IsDefined(city));
        var prompts = Prompts();
        Assert.Equal(2, prompts.Length);
        Assert.Contains("\"name\":\"Weather_get_weather\"", prompts[0], StringComparison.Ordinal);
        Assert.Contains($"<tool_response>{{\"name\":\"Weather_get_weather\",\"content\":\"sunny in {city}\"}}</tool_response>", prompts[1], StringComparison.Ordinal);
        Assert.Contains(history, m => m.Items.OfType<FunctionResultContent>().Any());
    }

    private Task<string> CompleteAsync(Kernel kernel, ChatHistory history, PromptExecutionSettings settings, bool streaming) => KernelHarness.CompleteAsync(kernel, history, settings, streaming);

    private string[] Prompts() => KernelHarness.Prompts(_log);

    private Kernel NewKernel(WeatherPlugin? plugin = null, Action<LocalVlmChatCompletionOptions>? configure = null) => KernelHarness.NewKernel(_fixture.Engine, _log, plugin, configure);
}
