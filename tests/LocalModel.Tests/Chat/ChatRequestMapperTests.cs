using System;
using System.Linq;
using System.Text.Json;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Selection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalModel.Tests.Chat;

/// <summary>How messages and <see cref="ChatOptions"/> become the engine's request.</summary>
public sealed class ChatRequestMapperTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const int EosId = 2;
    private readonly TinyLlavaEngineFixture _fixture;

    public ChatRequestMapperTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Fact]
    public void Map_ChatOptions_SetSamplingLimitsAndStops()
    {
        // Arrange
        var options = new ChatOptions
        {
            Temperature = 0.7f,
            TopP = 0.9f,
            TopK = 5,
            Seed = 42,
            MaxOutputTokens = 7,
            StopSequences = ["END", "STOP"],
            AdditionalProperties = new() { ["repetition_penalty"] = 1.3 },
        };

        // Act
        var request = Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options).Request;

        // Assert
        Assert.Equal(0.7f, request.Sampling.Temperature);
        Assert.Equal(0.9f, request.Sampling.TopP);
        Assert.Equal(5, request.Sampling.TopK);
        Assert.Equal(42, request.Sampling.Seed);
        Assert.Equal(1.3f, request.Sampling.RepetitionPenalty);
        Assert.Equal(7, request.MaxTokens);
        Assert.Equal(["END", "STOP"], request.StopSequences);
        Assert.Null(request.Constraint);
        Assert.Null(request.VisualTokenSelector);
    }

    [Fact]
    public void Map_NoOptions_GreedyWithDefaultMaxTokens()
    {
        var request = Mapper(new LocalVlmChatClientOptions { DefaultMaxOutputTokens = 33 }).Map([new ChatMessage(ChatRole.User, "Hi")], null).Request;

        Assert.True(request.Sampling.IsGreedy);
        Assert.Equal(33, request.MaxTokens);
        Assert.Null(request.Sampling.Seed);
    }

    [Fact]
    public void Map_SettingsAsJsonElements_AreRead()
    {
        var properties = JsonSerializer.Deserialize<AdditionalPropertiesDictionary>("""{"top_k":3,"repetition_penalty":"1.25"}""")!;

        var request = Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { AdditionalProperties = properties }).Request;

        Assert.Equal(3, request.Sampling.TopK);
        Assert.Equal(1.25f, request.Sampling.RepetitionPenalty);
    }

    [Theory]
    [InlineData("top_k", -1)]
    [InlineData("top_k", 2.5)]
    [InlineData("top_k", double.NaN)]
    [InlineData("top_k", 1e20)]
    [InlineData("repetition_penalty", double.PositiveInfinity)]
    [InlineData("repetition_penalty", 0)]
    [InlineData("keep_positions", 3)]
    [InlineData("visual_token_budget", "150%")]
    [InlineData("visual_token_budget", 0)]
    [InlineData("pruning_method", "")]
    public void Map_InvalidSettingValue_ThrowsNamingKey(string key, object value)
    {
        var options = new ChatOptions { AdditionalProperties = new() { [key] = value } };

        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SeedOutside32Bits_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Seed = 1L << 40 }));

        Assert.Contains("Seed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TopKInOptionsAndSettingsDisagree_Throws()
    {
        var options = new ChatOptions { TopK = 4, AdditionalProperties = new() { ["top_k"] = 5 } };

        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains("top_k", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NegativeTemperature_ThrowsNamingTemperature()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Temperature = -1 }));

        Assert.Equal("Temperature", e.ParamName);
    }

    [Theory]
    [InlineData("25%", 4)]
    [InlineData("10%", 2)]
    [InlineData(5, 5)]
    [InlineData("100", 16)]
    public void Map_RegisteredPruningMethodWithBudget_SetsSelectorAndTokenCount(object budget, int expected)
    {
        // Arrange: 16 visual tokens per tiny-llava image.
        var selector = new FirstTokensSelector();
        var clientOptions = new LocalVlmChatClientOptions();
        clientOptions.VisualTokenSelectors["first"] = selector;
        var options = new ChatOptions { AdditionalProperties = new() { ["pruning_method"] = "FIRST", ["visual_token_budget"] = budget } };

        // Act
        var request = Mapper(clientOptions).Map([new ChatMessage(ChatRole.User, "Hi")], options).Request;

        // Assert
        Assert.Same(selector, request.VisualTokenSelector);
        Assert.Equal(expected, request.VisualTokenBudget!.Resolve(16));
    }

    [Fact]
    public void Map_UnknownPruningMethod_ThrowsListingKnownMethods()
    {
        var clientOptions = new LocalVlmChatClientOptions();
        clientOptions.VisualTokenSelectors["first"] = new FirstTokensSelector();
        var options = new ChatOptions { AdditionalProperties = new() { ["pruning_method"] = "bogus" } };

        var e = Assert.Throws<ArgumentException>(() => Mapper(clientOptions).Map([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains("'bogus'", e.Message, StringComparison.Ordinal);
        Assert.Contains("fastervlm", e.Message, StringComparison.Ordinal);
        Assert.Contains("first", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_BudgetWithoutPruningMethod_Throws()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["visual_token_budget"] = 8 } };

        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains("no effect", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_KeepPositions_SetsOriginalPositionPolicy()
    {
        var keep = new ChatOptions { AdditionalProperties = new() { ["pruning_method"] = "fastervlm", ["visual_token_budget"] = "50%", ["keep_positions"] = true } };
        var reindex = new ChatOptions { AdditionalProperties = new() { ["pruning_method"] = "fastervlm", ["visual_token_budget"] = "50%", ["keep_positions"] = false } };

        Assert.True(Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], keep).Request.KeepOriginalPositions);
        Assert.False(Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], reindex).Request.KeepOriginalPositions);
    }

    [Fact]
    public void Map_InLlmMethodOnUnstagedPackage_ThrowsNamingStagedGraphs()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["pruning_method"] = "fastv" } };

        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Contains("staged decoder graphs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ToolsInAutoMode_RenderToolsAndConstrain()
    {
        var mapped = Mapper().Map([new ChatMessage(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [LocalVlmChatClientTests.WeatherFunction()] });

        Assert.Contains("# Tools", mapped.Prompt.Text, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"get_weather\",\"description\":\"Gets the weather of a city\",\"parameters\":{", mapped.Prompt.Text, StringComparison.Ordinal);
        Assert.Contains("Answer directly if no tool is needed", mapped.Prompt.Text, StringComparison.Ordinal);
        Assert.Single(mapped.Tools);
        Assert.NotNull(mapped.Request.Constraint);
    }

    [Fact]
    public void Map_ToolModeNone_RendersNoToolsAndNoConstraint()
    {
        var options = new ChatOptions { Tools = [LocalVlmChatClientTests.WeatherFunction()], ToolMode = ChatToolMode.None };

        var mapped = Mapper().Map([new ChatMessage(ChatRole.User, "Weather?")], options);

        Assert.DoesNotContain("# Tools", mapped.Prompt.Text, StringComparison.Ordinal);
        Assert.Empty(mapped.Tools);
        Assert.Null(mapped.Request.Constraint);
    }

    [Fact]
    public void Map_RequireSpecific_RendersOnlyThatToolAsRequired()
    {
        var other = AIFunctionFactory.Create(() => "x", "other_tool");
        var options = new ChatOptions { Tools = [LocalVlmChatClientTests.WeatherFunction(), other], ToolMode = ChatToolMode.RequireSpecific("get_weather") };

        var mapped = Mapper().Map([new ChatMessage(ChatRole.User, "Weather?")], options);

        Assert.Equal("get_weather", Assert.Single(mapped.Tools).Name);
        Assert.DoesNotContain("other_tool", mapped.Prompt.Text, StringComparison.Ordinal);
        Assert.Contains("You must call \"get_weather\" now.", mapped.Prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RequireSpecificUnknownTool_Throws()
    {
        var options = new ChatOptions { Tools = [LocalVlmChatClientTests.WeatherFunction()], ToolMode = ChatToolMode.RequireSpecific("nope") };

        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "x")], options));

        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RequireAnyWithoutTools_Throws()
    {
        Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ToolMode = ChatToolMode.RequireAny }));
    }

    [Fact]
    public void Map_NonFunctionTool_ThrowsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "x")], new ChatOptions { Tools = [new HostedWebSearchTool()] }));

        Assert.Contains(nameof(HostedWebSearchTool), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_JsonResponseFormat_Constrains()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement;

        Assert.NotNull(Mapper().Map([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json }).Request.Constraint);
        Assert.NotNull(Mapper().Map([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) }).Request.Constraint);
        Assert.Null(Mapper().Map([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Text }).Request.Constraint);
    }

    [Fact]
    public void Map_ToolCallsAndResultsInHistory_RenderedBack()
    {
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "Weather in Paris?"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_7", "get_weather", new System.Collections.Generic.Dictionary<string, object?> { ["city"] = "Paris" })]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_7", "sunny in Paris")]),
        };

        var text = Mapper().Map(messages, new ChatOptions { Tools = [LocalVlmChatClientTests.WeatherFunction()] }).Prompt.Text;

        Assert.EndsWith(
            "USER: Weather in Paris? ASSISTANT: <tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}</tool_call></s>"
                + "USER: <tool_response>{\"name\":\"get_weather\",\"content\":\"sunny in Paris\"}</tool_response> ASSISTANT:",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ToolResultWithImages_PlacesThemInTheToolTurn()
    {
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "Take a screenshot"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "screenshot")]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", new AIContent[] { new TextContent("here"), new DataContent(_fixture.ImageBytes, "image/png") })]),
        };

        var mapped = Mapper(new LocalVlmChatClientOptions { AllowUnknownToolsInHistory = true }).Map(messages, null);

        Assert.Single(mapped.Request.Images);
        Assert.EndsWith("USER: <image>\n<tool_response>{\"name\":\"screenshot\",\"content\":\"here\"}</tool_response> ASSISTANT:", mapped.Prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ImagesInOrderAcrossMessages_MatchPlaceholders()
    {
        var a = new DataContent(_fixture.ImageBytes, "image/png") { Name = "a.png" };
        var b = new DataContent(_fixture.ImageBytes, "image/png") { Name = "b.png" };
        var c = new DataContent(_fixture.ImageBytes, "image/png") { Name = "c.png" };
        var messages = new[] { new ChatMessage(ChatRole.User, [new TextContent("x"), a, b]), new ChatMessage(ChatRole.User, [c]) };

        var request = Mapper().Map(messages, null).Request;

        Assert.Equal(["a.png", "b.png", "c.png"], request.Images.Select(i => i.Name[(i.Name.IndexOf('(', StringComparison.Ordinal) + 1)..^1]));
        Assert.Equal(3, request.PromptTokenIds!.Count(id => id == TinyLlavaEngineFixture.ImageTokenId));
    }

    [Fact]
    public void Map_SpecialTokenTextInMessages_StaysPlainText()
    {
        var request = Mapper().Map([new ChatMessage(ChatRole.User, "look: <image> and </s> here")], null).Request;

        Assert.DoesNotContain(TinyLlavaEngineFixture.ImageTokenId, request.PromptTokenIds!);
        Assert.DoesNotContain(EosId, request.PromptTokenIds!);
        Assert.Empty(request.Images);
    }

    [Fact]
    public void Map_OrdinaryText_TokenizesLikeThePromptString()
    {
        var mapped = Mapper().Map([new ChatMessage(ChatRole.User, "Hello, what is in the picture?"), new ChatMessage(ChatRole.Assistant, "A cat."), new ChatMessage(ChatRole.User, "Sure?")], null);

        Assert.Equal(_fixture.Engine.Tokenizer.Encode(mapped.Prompt.Text, addBos: true), mapped.Request.PromptTokenIds);
    }

    [Fact]
    public void Map_InstructionsAndSystemMessages_FormTheSystemLine()
    {
        var messages = new[] { new ChatMessage(ChatRole.System, "Answer in French."), new ChatMessage(ChatRole.User, "Hi") };

        var text = Mapper().Map(messages, new ChatOptions { Instructions = "You are a guide." }).Prompt.Text;

        Assert.StartsWith("You are a guide.\nAnswer in French. USER: Hi ASSISTANT:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_DefaultSystemPromptOption_ReplacesTemplateDefault()
    {
        var text = Mapper(new LocalVlmChatClientOptions { DefaultSystemPrompt = "Short." }).Map([new ChatMessage(ChatRole.User, "Hi")], null).Prompt.Text;

        Assert.Equal("Short. USER: Hi ASSISTANT:", text);
    }

    [Fact]
    public void Map_NullMessage_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi"), null!], null));

        Assert.Contains("messages[1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TemplateThatDropsAnImage_ThrowsInvalidOperation()
    {
        var mapper = Mapper(new LocalVlmChatClientOptions { ChatTemplate = new TextOnlyTemplate() });

        var e = Assert.Throws<InvalidOperationException>(() => mapper.Map([new ChatMessage(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png")])], null));

        Assert.Contains("exactly once", e.Message, StringComparison.Ordinal);
    }

    private ChatRequestMapper Mapper(LocalVlmChatClientOptions? options = null)
    {
        options ??= new LocalVlmChatClientOptions();
        var engine = _fixture.Engine;
        return new ChatRequestMapper(engine.Tokenizer, engine.Package.Manifest, options.ChatTemplate ?? ChatTemplates.Get(engine.Package.Manifest.ChatTemplate), options, NullLogger.Instance);
    }

    private sealed class FirstTokensSelector : IVisualTokenSelector
    {
        public string Name => "first";

        public VisualTokenSelection Select(VisualTokenSelectionContext context) => VisualTokenSelection.FromIndices(Enumerable.Range(0, context.Budget).ToArray());
    }

    private sealed class TextOnlyTemplate : IChatTemplate
    {
        public string Name => "text-only";

        public ChatPrompt Render(ChatTemplateRequest request) => new ChatPromptBuilder(request.ImagePlaceholder).AppendLiteral("hi").Build();
    }
}
