using System;
using System.Collections.Generic;
using System.Text.Json;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Constrained;
using LocalModel.Tests.Constrained;
using LocalModel.Tokenization;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Chat;

/// <summary>
/// The expected prompts are written out by hand from the jinja chat_template of Qwen/Qwen2.5-VL-7B-Instruct
/// (messages, images) and of Qwen/Qwen2.5-7B-Instruct (tools, tool calls, tool responses).
/// </summary>
public sealed class Qwen25VlChatTemplateTests
{
    private static ToolCallConstraintOptions QwenForm => new() { NewlinesInsideTags = true };

    private const string Image = Qwen25VlChatTemplate.ImageText;
    private const string DefaultSystem = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n";

    private const string ToolsSection =
        "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
        + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
        + """{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}"""
        + "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
        + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement.Clone();

    [Fact]
    public void Render_PlainChat_AddsDefaultSystemAndGenerationPrompt()
    {
        // Arrange
        var request = Request(new ChatTemplateMessage(ChatTemplateRole.User, "Hello"));

        // Act
        var prompt = Qwen25VlChatTemplate.Instance.Render(request);

        // Assert
        Assert.Equal(DefaultSystem + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", prompt.Text);
        Assert.Empty(prompt.ImageOrder);
    }

    [Fact]
    public void Render_ImageInUserMessage_VisionBlockInlineWithoutNewline()
    {
        // Arrange: an image before the text, and one between two pieces of text.
        var request = Request(
            new ChatTemplateMessage(ChatTemplateRole.User, "Describe this image.", [0]),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "A cat."),
            new ChatTemplateMessage(ChatTemplateRole.User, "Compare it with this and that.", [1, 2], imageOffsets: [20, 30]));

        // Act
        var prompt = Qwen25VlChatTemplate.Instance.Render(request);

        // Assert
        Assert.Equal(
            DefaultSystem
                + $"<|im_start|>user\n{Image}Describe this image.<|im_end|>\n"
                + "<|im_start|>assistant\nA cat.<|im_end|>\n"
                + $"<|im_start|>user\nCompare it with this{Image} and that.{Image}<|im_end|>\n"
                + "<|im_start|>assistant\n",
            prompt.Text);
        Assert.Equal(new[] { 0, 1, 2 }, prompt.ImageOrder);
    }

    [Fact]
    public void Render_ContentsTextThenImage_ImageFollowsTheText()
    {
        // Arrange: the GUI grounder's message shape, text first, then the screenshot.
        var renderer = ChatPromptRenderer.ForTemplate(Qwen25VlChatTemplate.TemplateName, imagePlaceholder: Image);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Find the OK button."), new DataContent(new byte[] { 1 }, "image/png"), new TextContent(" Answer briefly.")]);

        // Act
        var rendered = renderer.Render([message], null);

        // Assert
        Assert.Equal(DefaultSystem + $"<|im_start|>user\nFind the OK button.{Image} Answer briefly.<|im_end|>\n<|im_start|>assistant\n", rendered.Text);
        Assert.Single(rendered.Images);
    }

    [Fact]
    public void Render_MultiTurnWithSystem_SystemBlockFirstAndLaterSystemInPlace()
    {
        // Arrange
        var request = Request(
            new ChatTemplateMessage(ChatTemplateRole.System, "Be brief."),
            new ChatTemplateMessage(ChatTemplateRole.User, "Hi"),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "Hello."),
            new ChatTemplateMessage(ChatTemplateRole.System, "Now in French."),
            new ChatTemplateMessage(ChatTemplateRole.User, "Bye"));

        // Act
        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        // Assert
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello.<|im_end|>\n"
                + "<|im_start|>system\nNow in French.<|im_end|>\n"
                + "<|im_start|>user\nBye<|im_end|>\n"
                + "<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_LastMessageFromAssistant_LeavesBlockOpen()
    {
        var text = Qwen25VlChatTemplate.Instance.Render(Request(
            new ChatTemplateMessage(ChatTemplateRole.User, "Count"),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, "1, 2,"))).Text;

        Assert.Equal(DefaultSystem + "<|im_start|>user\nCount<|im_end|>\n<|im_start|>assistant\n1, 2,", text);
    }

    [Fact]
    public void Render_RequestDefaultSystemPrompt_ReplacesQwenDefault()
    {
        var request = new ChatTemplateRequest { Messages = [new ChatTemplateMessage(ChatTemplateRole.User, "x")], DefaultSystemPrompt = "Use the tools." };

        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        Assert.StartsWith("<|im_start|>system\nUse the tools.<|im_end|>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Tools_Qwen25ToolSectionInSystemPrompt()
    {
        // Arrange
        var request = new ChatTemplateRequest
        {
            Messages = [new ChatTemplateMessage(ChatTemplateRole.User, "Weather in Paris?")],
            Tools = [new ChatToolDescription("get_weather", "Gets the weather", WeatherSchema)],
        };

        // Act
        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        // Assert
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant." + ToolsSection + "<|im_end|>\n"
                + "<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_ToolsWithSystemMessage_SectionFollowsTheSystemText()
    {
        var request = new ChatTemplateRequest
        {
            Messages = [new ChatTemplateMessage(ChatTemplateRole.System, "Be brief."), new ChatTemplateMessage(ChatTemplateRole.User, "x")],
            Tools = [new ChatToolDescription("get_weather", "Gets the weather", WeatherSchema)],
        };

        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        Assert.StartsWith("<|im_start|>system\nBe brief." + ToolsSection + "<|im_end|>\n<|im_start|>user\nx<|im_end|>\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "\n\nYou must call a function now.")]
    [InlineData("get_weather", "\n\nYou must call \"get_weather\" now.")]
    public void Render_ToolRequired_AddsOneSentenceAfterTheSection(string? name, string sentence)
    {
        var request = new ChatTemplateRequest
        {
            Messages = [new ChatTemplateMessage(ChatTemplateRole.User, "x")],
            Tools = [new ChatToolDescription("get_weather", "Gets the weather", WeatherSchema)],
            ToolChoice = ChatToolChoice.Required,
            RequiredToolName = name,
        };

        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        Assert.Contains(ToolsSection + sentence + "<|im_end|>\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ToolCallsAndResults_RoundTripInQwen25Format()
    {
        // Arrange: two calls, their results in two consecutive tool messages, then a final answer and a new question.
        var request = new ChatTemplateRequest
        {
            Messages =
            [
                new ChatTemplateMessage(ChatTemplateRole.User, "Weather in Paris and Tokyo?"),
                new ChatTemplateMessage(
                    ChatTemplateRole.Assistant,
                    "Let me check.",
                    toolCalls: [new ChatTemplateToolCall("c1", "get_weather", """{"city":"Paris"}"""), new ChatTemplateToolCall("c2", "get_weather", """{"city":"Tokyo","days":[1,2]}""")]),
                new ChatTemplateMessage(ChatTemplateRole.Tool, string.Empty, toolResults: [new ChatTemplateToolResult("c1", "get_weather", "\"sunny\"")]),
                new ChatTemplateMessage(ChatTemplateRole.Tool, string.Empty, toolResults: [new ChatTemplateToolResult("c2", "get_weather", """{"temp":21}""")]),
                new ChatTemplateMessage(ChatTemplateRole.Assistant, "Sunny and 21."),
                new ChatTemplateMessage(ChatTemplateRole.User, "Thanks"),
            ],
            Tools = [new ChatToolDescription("get_weather", "Gets the weather", WeatherSchema)],
        };

        // Act
        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        // Assert
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant." + ToolsSection + "<|im_end|>\n"
                + "<|im_start|>user\nWeather in Paris and Tokyo?<|im_end|>\n"
                + "<|im_start|>assistant\nLet me check.\n"
                + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n"
                + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Tokyo\", \"days\": [1, 2]}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\nsunny\n</tool_response>\n<tool_response>\n{\"temp\":21}\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\nSunny and 21.<|im_end|>\n"
                + "<|im_start|>user\nThanks<|im_end|>\n"
                + "<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_FunctionCallAndResultContents_RenderedThroughTheRenderer()
    {
        // Arrange: Microsoft.Extensions.AI messages, as the chat client gets them.
        var renderer = ChatPromptRenderer.ForTemplate(Qwen25VlChatTemplate.TemplateName, imagePlaceholder: Image);
        var tool = AIFunctionFactory.CreateDeclaration("click", "Clicks a point", JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},"required":["x","y"]}""").RootElement);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "Click OK."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "click", new Dictionary<string, object?> { ["x"] = 120, ["y"] = 48 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "clicked \"OK\"")]),
        ];

        // Act
        var text = renderer.Render(messages, new ChatOptions { Tools = [tool] }).Text;

        // Assert
        Assert.Contains(
            """{"type": "function", "function": {"name": "click", "description": "Clicks a point", "parameters": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}, "required": ["x", "y"]}}}""",
            text,
            StringComparison.Ordinal);
        Assert.EndsWith(
            "<|im_start|>user\nClick OK.<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"click\", \"arguments\": {\"x\": 120, \"y\": 48}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\nclicked \"OK\"\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ToolMessageWithImage_ImageOpensTheResponse()
    {
        var request = Request(
            new ChatTemplateMessage(ChatTemplateRole.User, "Zoom"),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, string.Empty, toolCalls: [new ChatTemplateToolCall("c", "zoom", "{}")]),
            new ChatTemplateMessage(ChatTemplateRole.Tool, string.Empty, [0], toolResults: [new ChatTemplateToolResult("c", "zoom", "\"done\"")]));

        var prompt = Qwen25VlChatTemplate.Instance.Render(request);

        Assert.EndsWith($"<|im_start|>user\n<tool_response>\n{Image}done\n</tool_response><|im_end|>\n<|im_start|>assistant\n", prompt.Text, StringComparison.Ordinal);
        Assert.Contains("<tool_call>\n{\"name\": \"zoom\", \"arguments\": {}}\n</tool_call>", prompt.Text, StringComparison.Ordinal);
        Assert.Equal(new[] { 0 }, prompt.ImageOrder);
    }

    [Fact]
    public void Render_JsonStrings_EscapedAsPythonJsonDumps()
    {
        var request = new ChatTemplateRequest
        {
            Messages =
            [
                new ChatTemplateMessage(ChatTemplateRole.User, "x"),
                new ChatTemplateMessage(ChatTemplateRole.Assistant, string.Empty, toolCalls: [new ChatTemplateToolCall("c", "type", """{"text":"Zürich <b> \"q\"\n\u0001"}""")]),
            ],
        };

        var text = Qwen25VlChatTemplate.Instance.Render(request).Text;

        Assert.EndsWith("{\"name\": \"type\", \"arguments\": {\"text\": \"Zürich <b> \\\"q\\\"\\n\\u0001\"}}\n</tool_call>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MessageText_IsLiteralAndMarkupIsControl()
    {
        var prompt = Qwen25VlChatTemplate.Instance.Render(Request(new ChatTemplateMessage(ChatTemplateRole.User, "a <|im_end|> b")));

        Assert.Contains(prompt.LiteralRanges, r => prompt.Text.Substring(r.Start, r.Length) == "a <|im_end|> b");
        Assert.DoesNotContain(prompt.LiteralRanges, r => prompt.Text.Substring(r.Start, r.Length).Contains("<|im_start|>", StringComparison.Ordinal));
    }

    [Fact]
    public void PromptTemplates_FormatUserTurn_PlacesImagesWithoutNewline()
    {
        var text = PromptTemplates.FormatUserTurn(Qwen25VlChatTemplate.TemplateName, "Describe.", 2, Image);

        Assert.Equal(DefaultSystem + $"<|im_start|>user\n{Image}{Image}Describe.<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Fact]
    public void Registry_BuiltIns_HoldQwen25Vl()
    {
        Assert.Same(Qwen25VlChatTemplate.Instance, ChatTemplates.Get("qwen2.5-vl"));
        Assert.Same(Qwen25VlChatTemplate.Instance, new ChatTemplateRegistry().Get("Qwen2.5-VL"));
        Assert.Contains("qwen2.5-vl", ChatTemplates.Names);
    }

    [Theory]
    [InlineData(new[] { 3 }, "one offset per image")]
    [InlineData(new[] { 2, 1 }, "non-decreasing")]
    [InlineData(new[] { 0, 9 }, "within 0..4")]
    public void Message_BadImageOffsets_Throws(int[] offsets, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new ChatTemplateMessage(ChatTemplateRole.User, "abcd", [0, 1], imageOffsets: offsets));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n</tool_call>")]
    [InlineData("<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n</tool_call>\n<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"id\": 8}}\n</tool_call>")]
    public void ToolCallGrammar_QwenNewlinesInsideTags_Accepted(string text) =>
        Assert.True(GrammarTesting.Accepts(GrammarTesting.ToolCalls(ToolCallMode.Required, QwenForm), text));

    [Theory]
    [InlineData("<tool_call>\n{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n</tool_call>")]
    public void ToolCallGrammar_NewlinesInsideTagsWithoutTheQwenForm_Refused(string text) =>
        Assert.False(GrammarTesting.Accepts(GrammarTesting.ToolCalls(ToolCallMode.Required), text));

    [Fact]
    public void ToolCallNewlines_QwenAndOtherTemplates_OnlyQwenShowsThem()
    {
        Assert.True(((IChatTemplate)Qwen25VlChatTemplate.Instance).ToolCallNewlines);
        Assert.False(((IChatTemplate)ChatMlChatTemplate.Instance).ToolCallNewlines);
        Assert.False(((IChatTemplate)LlavaV1ChatTemplate.Instance).ToolCallNewlines);
    }

    [Theory]
    [InlineData("<tool_call>\n\n{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call>")]
    [InlineData("<tool_call>\n {\"name\": \"lookup\", \"arguments\": {\"id\": 7}}</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}}\n\n</tool_call>")]
    [InlineData("<tool_call>{\"name\": \"lookup\", \"arguments\": {\"id\": 7}\n}</tool_call>")]
    public void ToolCallGrammar_OtherWhitespaceInsideTags_Refused(string text) =>
        Assert.False(GrammarTesting.Accepts(GrammarTesting.ToolCalls(ToolCallMode.Required, QwenForm), text));

    [Fact]
    public void ToolCallConstraint_QwenTokenizerWritesRenderedCall_EveryTokenAllowedAndParsedBack()
    {
        // Arrange: the call exactly as the template renders an assistant's call, tokenized by the tiny Qwen2.5-VL
        // tokenizer (<tool_call> and </tool_call> are added tokens there).
        var tokenizer = VlmTokenizer.Load(Fixtures.Dir("tiny-qwen2_5_vl"));
        var rendered = Qwen25VlChatTemplate.Instance.Render(Request(
            new ChatTemplateMessage(ChatTemplateRole.User, "x"),
            new ChatTemplateMessage(ChatTemplateRole.Assistant, string.Empty, toolCalls: [new ChatTemplateToolCall("c", "get_weather", """{"city":"Paris","unit":"c"}""")]))).Text;
        var call = rendered[rendered.IndexOf("<tool_call>", StringComparison.Ordinal)..];
        var constraint = new ToolCallConstraint(tokenizer, GrammarTesting.Tools, ToolCallMode.Required, QwenForm);
        var ids = tokenizer.Encode(call, addBos: false);
        var logits = new float[tokenizer.VocabularySize];

        // Act
        foreach (var id in ids)
        {
            Array.Clear(logits);
            constraint.Mask(logits);
            Assert.False(float.IsNegativeInfinity(logits[id]), $"token {id} '{tokenizer.Decode([id], false)}' masked in '{call}'");
            constraint.Accept(id);
        }

        constraint.Accept(tokenizer.EosTokenIds[0]);
        var parsed = ToolCallParser.TryParse(tokenizer.Decode(ids, skipSpecialTokens: false), out var calls, out var error);

        // Assert
        Assert.Equal("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"c\"}}\n</tool_call>", call);
        Assert.True(constraint.IsComplete);
        Assert.True(parsed, error);
        var only = Assert.Single(calls);
        Assert.Equal("get_weather", only.Name);
        Assert.Equal("Paris", only.Arguments.GetProperty("city").GetString());
        Assert.Equal("c", only.Arguments.GetProperty("unit").GetString());
    }

    private static ChatTemplateRequest Request(params ChatTemplateMessage[] messages) =>
        new() { Messages = messages, ImagePlaceholder = Image };
}
