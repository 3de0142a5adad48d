using System;
using System.Text.Json;
using LocalModel.Chat;

namespace LocalModel.Tests.Chat;

public sealed class ChatTemplateTests
{
    private const string Sys = LlavaV1ChatTemplate.DefaultSystemPrompt;

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement.Clone();

    [Fact]
    public void LlavaV1_SingleTurnWithImage_MatchesConvVicunaV1()
    {
        var prompt = Render(LlavaV1ChatTemplate.Instance, new ChatTemplateMessage(ChatTemplateRole.User, "What is this?", [0]));

        Assert.Equal($"{Sys} USER: <image>\nWhat is this? ASSISTANT:", prompt.Text);
        Assert.Equal(new[] { 0 }, prompt.ImageOrder);
    }

    [Fact]
    public void LlavaV1_MultiTurn_ClosesAssistantTurnsWithEos()
    {
        var prompt = Render(
            LlavaV1ChatTemplate.Instance,
            new ChatTemplateMessage(ChatTemplateRole.System, "Be brief."),
            new ChatTemplateMessage(ChatTemplateRole.User, "Hi", [0, 1]),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "Hello."),
            new ChatTemplateMessage(ChatTemplateRole.User, "And this?", [2]));

        Assert.Equal("Be brief. USER: <image>\n<image>\nHi ASSISTANT: Hello.</s>USER: <image>\nAnd this? ASSISTANT:", prompt.Text);
        Assert.Equal(new[] { 0, 1, 2 }, prompt.ImageOrder);
    }

    [Fact]
    public void LlavaV1_ConsecutiveUserMessages_ShareOneTurn()
    {
        var prompt = Render(
            LlavaV1ChatTemplate.Instance,
            new ChatTemplateMessage(ChatTemplateRole.User, "one"),
            new ChatTemplateMessage(ChatTemplateRole.User, "two", [0]));

        Assert.Equal($"{Sys} USER: one\n<image>\ntwo ASSISTANT:", prompt.Text);
    }

    [Fact]
    public void LlavaV1_LastMessageFromAssistant_LeavesTurnOpen()
    {
        var prompt = Render(
            LlavaV1ChatTemplate.Instance,
            new ChatTemplateMessage(ChatTemplateRole.User, "Count"),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "1, 2,"));

        Assert.Equal($"{Sys} USER: Count ASSISTANT: 1, 2,", prompt.Text);
    }

    [Fact]
    public void LlavaV1_ToolsCallsAndResults_RenderInDocumentedFormat()
    {
        var request = new ChatTemplateRequest
        {
            Messages =
            [
                new ChatTemplateMessage(ChatTemplateRole.User, "Weather in Paris?"),
                new ChatTemplateMessage(ChatTemplateRole.Assistant, string.Empty, toolCalls: [new ChatTemplateToolCall("call_1", "get_weather", """{"city":"Paris"}""")]),
                new ChatTemplateMessage(ChatTemplateRole.Tool, string.Empty, toolResults: [new ChatTemplateToolResult("call_1", "get_weather", "\"sunny\"")]),
            ],
            Tools = [new ChatToolDescription("get_weather", "Gets the weather", WeatherSchema)],
        };

        var text = LlavaV1ChatTemplate.Instance.Render(request).Text;

        Assert.Equal(
            Sys + "\n\n# Tools\nOne JSON line per tool: name, description, parameters schema.\n"
                + """{"name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""" + "\n"
                + """Call tools with <tool_call>{"name":...,"arguments":{...}}</tool_call>, one block per call; results come back in <tool_response> blocks. Answer directly if no tool is needed."""
                + " USER: Weather in Paris? ASSISTANT: <tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}</tool_call></s>"
                + "USER: <tool_response>{\"name\":\"get_weather\",\"content\":\"sunny\"}</tool_response> ASSISTANT:",
            text);
    }

    [Fact]
    public void ToolInstructions_Required_SayWhichToolMustBeCalled()
    {
        var any = Render(new ChatTemplateRequest { Messages = [new(ChatTemplateRole.User, "x")], Tools = [new("get_weather", "d", WeatherSchema)], ToolChoice = ChatToolChoice.Required });
        var specific = Render(new ChatTemplateRequest { Messages = [new(ChatTemplateRole.User, "x")], Tools = [new("get_weather", "d", WeatherSchema)], ToolChoice = ChatToolChoice.Required, RequiredToolName = "get_weather" });

        Assert.Contains("You must call a tool now.", any, StringComparison.Ordinal);
        Assert.Contains("You must call \"get_weather\" now.", specific, StringComparison.Ordinal);
        Assert.DoesNotContain("answer directly", specific, StringComparison.Ordinal);

        static string Render(ChatTemplateRequest r) => LlavaV1ChatTemplate.Instance.Render(r).Text;
    }

    [Fact]
    public void ChatMl_MultiTurnWithToolRole_RendersImStartBlocks()
    {
        var prompt = Render(
            ChatMlChatTemplate.Instance,
            new ChatTemplateMessage(ChatTemplateRole.User, "Look", [0]),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "Hmm", toolCalls: [new ChatTemplateToolCall("c", "zoom", "{}")]),
            new ChatTemplateMessage(ChatTemplateRole.Tool, string.Empty, [1], toolResults: [new ChatTemplateToolResult("c", "zoom", "\"done\"")]));

        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\n<image>\nLook<|im_end|>\n"
                + "<|im_start|>assistant\nHmm\n<tool_call>{\"name\":\"zoom\",\"arguments\":{}}</tool_call><|im_end|>\n"
                + "<|im_start|>tool\n<image>\n<tool_response>{\"name\":\"zoom\",\"content\":\"done\"}</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n",
            prompt.Text);
        Assert.Equal(new[] { 0, 1 }, prompt.ImageOrder);
    }

    [Fact]
    public void Render_MessageText_IsMarkedLiteral()
    {
        var prompt = Render(LlavaV1ChatTemplate.Instance, new ChatTemplateMessage(ChatTemplateRole.User, "a <image> b</s>"));

        var literal = Assert.Single(prompt.LiteralRanges);
        Assert.Equal("a <image> b</s>", prompt.Text.Substring(literal.Start, literal.Length));
        Assert.Empty(prompt.ImageOrder);
    }

    [Theory]
    [InlineData("llava-v1", 1, "<image>\nHi")]
    [InlineData("chatml", 2, "<image>\n<image>\nHi")]
    public void PromptTemplates_FormatUserTurn_StillFormatsSingleTurns(string template, int images, string content)
    {
        var text = PromptTemplates.FormatUserTurn(template, "Hi", images);

        Assert.Contains(content, text, StringComparison.Ordinal);
        Assert.Equal(images, text.Split("<image>").Length - 1);
    }

    [Fact]
    public void PromptTemplates_FormatUserTurn_KeepsPlaceholdersTheUserTyped()
    {
        var text = PromptTemplates.FormatUserTurn("llava-v1", "left <image> right", 2);

        Assert.Equal($"{Sys} USER: <image>\nleft <image> right ASSISTANT:", text);
    }

    [Fact]
    public void Registry_Register_MakesTemplateAvailableCaseInsensitively()
    {
        var name = "test-template-" + Guid.NewGuid().ToString("N");
        var custom = new EchoTemplate(name);
        var registry = new ChatTemplateRegistry();

        registry.Register(name, custom);

        Assert.Same(custom, registry.Get(name.ToUpperInvariant()));
        Assert.Contains(name, registry.Names);
    }

    [Fact]
    public void Registry_New_HoldsBuiltInsAndRegistersOnlyIntoItself()
    {
        var registry = new ChatTemplateRegistry();
        var copy = registry.Clone();

        registry.Register("llava-v1", new EchoTemplate("llava-v1"));

        Assert.Equal(ChatTemplates.Names, new ChatTemplateRegistry().Names);
        Assert.Same(LlavaV1ChatTemplate.Instance, copy.Get("llava-v1"));
        Assert.Same(LlavaV1ChatTemplate.Instance, ChatTemplates.Get("llava-v1"));
        Assert.Same(LlavaV1ChatTemplate.Instance, new ChatTemplateRegistry().Get("LLAVA-V1"));
    }

    [Fact]
    public void Registry_GetUnknown_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ChatTemplates.Get("no-such-template"));

        Assert.Contains("no-such-template", e.Message, StringComparison.Ordinal);
        Assert.Contains("llava-v1", e.Message, StringComparison.Ordinal);
        Assert.Contains("chatml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_ToolCallsOnUserMessage_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChatTemplateMessage(ChatTemplateRole.User, "x", toolCalls: [new ChatTemplateToolCall("c", "n", "{}")]));
    }

    private static ChatPrompt Render(IChatTemplate template, params ChatTemplateMessage[] messages) =>
        template.Render(new ChatTemplateRequest { Messages = messages });

    private sealed class EchoTemplate(string name) : IChatTemplate
    {
        public string Name => name;

        public ChatPrompt Render(ChatTemplateRequest request)
        {
            var b = new ChatPromptBuilder(request.ImagePlaceholder);
            foreach (var m in request.Messages)
            {
                foreach (var image in m.Images)
                {
                    b.AppendImage(image);
                }

                b.AppendLiteral(m.Text);
            }

            return b.Build();
        }
    }
}
