using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Generation;
using LocalModel.SemanticKernel.Tests.TestSupport;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LocalModel.SemanticKernel.Tests;

/// <summary>
/// Semantic Kernel over a Qwen2.5-VL package (the tiny random-weight fixture): images in the history reach the model
/// through Qwen's template, and auto function calling works with Qwen's tool format under the tool-call constraint.
/// </summary>
public sealed class Qwen25VlChatCompletionTests : IDisposable
{
    private const string NeedsConstraint = "With random weights only constrained decoding (LocalModel.Constrained) makes the model call a tool.";
    private readonly VlmEngine _engine = VlmEngine.Load(Fixtures.Package("tiny-qwen2_5_vl"));
    private readonly byte[] _image = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-qwen2_5_vl"), "image.png"));
    private readonly RecordingLogger _log = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetChatMessageContents_ImageInHistory_RendersQwenVisionTokens(bool streaming)
    {
        var kernel = NewKernel();
        var history = new ChatHistory();
        history.AddUserMessage([new ImageContent(_image, "image/png"), new TextContent("What is in the picture?")]);

        var text = await CompleteAsync(kernel, history, new LocalVlmPromptExecutionSettings { MaxTokens = 4 }, streaming);

        Assert.NotNull(text);
        var prompt = Prompts().Single();
        Assert.Contains("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>What is in the picture?<|im_end|>\n<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Requires", "ConstrainedDecoding")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionChoiceRequired_ImageInHistory_InvokesFunctionWithQwenToolFormat(bool streaming)
    {
        var plugin = new WeatherPlugin();
        var kernel = NewKernel(plugin, o => o.MaximumIterationsPerRequest = 1);
        var history = new ChatHistory();
        history.AddUserMessage([new ImageContent(_image, "image/png"), new TextContent("What's the weather in this city?")]);
        var settings = new LocalVlmPromptExecutionSettings { MaxTokens = 120, FunctionChoiceBehavior = FunctionChoiceBehavior.Required() };

        await CompleteAsync(kernel, history, settings, streaming);

        Assert.True(plugin.Calls.Count == 1, $"get_weather was called {plugin.Calls.Count} times. {NeedsConstraint}");
        var prompts = Prompts();
        Assert.Equal(2, prompts.Length);
        Assert.Contains("# Tools", prompts[0], StringComparison.Ordinal);
        Assert.Contains("<tools>", prompts[0], StringComparison.Ordinal);
        Assert.Contains("Weather_get_weather", prompts[0], StringComparison.Ordinal);
        Assert.Contains("<tool_response>", prompts[1], StringComparison.Ordinal);
        Assert.Contains($"sunny in {plugin.Calls.Single()}", prompts[1], StringComparison.Ordinal);
    }

    private Task<string> CompleteAsync(Kernel kernel, ChatHistory history, PromptExecutionSettings settings, bool streaming) => KernelHarness.CompleteAsync(kernel, history, settings, streaming);

    private string[] Prompts() => KernelHarness.Prompts(_log);

    private Kernel NewKernel(WeatherPlugin? plugin = null, Action<LocalVlmChatCompletionOptions>? configure = null) => KernelHarness.NewKernel(_engine, _log, plugin, configure);
}
