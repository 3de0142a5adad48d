using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using LocalModel.Constrained;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace LocalModel.Tests.Chat;

/// <summary>Structured output and tool calls that never break: options, tool schemas, JSON next to tools, small budgets.</summary>
public sealed class ChatStructuredOutputTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const string PersonSchema = """{"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer","minimum":0,"maximum":120}},"required":["name","age"]}""";
    private readonly TinyLlavaEngineFixture _fixture;

    public ChatStructuredOutputTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Fact]
    public void Map_Penalties_MappedToSampling()
    {
        var options = new ChatOptions { FrequencyPenalty = 0.5f, PresencePenalty = -1.25f };

        var sampling = Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options).Request.Sampling;

        Assert.Equal(0.5f, sampling.FrequencyPenalty);
        Assert.Equal(-1.25f, sampling.PresencePenalty);
    }

    [Fact]
    public void Map_NeutralPenalties_Accepted()
    {
        var sampling = Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { FrequencyPenalty = 0f, PresencePenalty = 0f }).Request.Sampling;

        Assert.Equal(0f, sampling.FrequencyPenalty);
        Assert.Equal(0f, sampling.PresencePenalty);
    }

    [Fact]
    public void Map_PenaltyOutOfRange_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { PresencePenalty = 3f }));

        Assert.Contains("PresencePenalty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ConversationId_IgnoredAndLoggedAtDebug()
    {
        var logger = new RecordingLogger();

        var mapped = Mapper(logger).Map([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ConversationId = "conv-1" });

        Assert.NotNull(mapped.Request);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("conv-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_DeveloperRole_RenderedAsSystem()
    {
        var developer = Mapper().Map([new ChatMessage(new ChatRole("developer"), "Answer in French."), new ChatMessage(ChatRole.User, "Hi")], null).Prompt.Text;
        var system = Mapper().Map([new ChatMessage(ChatRole.System, "Answer in French."), new ChatMessage(ChatRole.User, "Hi")], null).Prompt.Text;

        Assert.Equal(system, developer);
    }

    [Fact]
    public void Map_ToolSchemaWithUnsupportedKeywords_NeverFailsAndLogsOnce()
    {
        var logger = new RecordingLogger();
        var mapper = Mapper(logger);
        var tool = AIFunctionFactory.CreateDeclaration("wait", "Waits", Schema("""{"type":"object","properties":{"d":{"type":"string","pattern":"(?<=x)"},"n":{"type":"number","not":{"const":3}}}}"""));
        var options = new ChatOptions { Tools = [tool] };

        mapper.Map([new ChatMessage(ChatRole.User, "Hi")], options);
        mapper.Map([new ChatMessage(ChatRole.User, "Hi")], options);

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("'pattern'", StringComparison.Ordinal) && w.Contains("#/tools/wait/parameters/properties/d", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'not'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("-2147483648", true)]
    [InlineData("2147483648", false)]
    [InlineData("15812121212121215", false)]
    public void Map_IntParameter_BoundedByInt32(string value, bool expected)
    {
        var tool = AIFunctionFactory.Create((int count, byte level) => count + level, "count");
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny };

        var constraint = (ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options).Request.Constraint!;

        Assert.Equal(expected, Accepts(constraint, $"<tool_call>{{\"name\":\"count\",\"arguments\":{{\"count\":{value},\"level\":255}}}}</tool_call>"));
        Assert.False(Accepts(constraint, "<tool_call>{\"name\":\"count\",\"arguments\":{\"count\":1,\"level\":256}}</tool_call>"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(0, false)]
    public void Map_ConstraintOnlySchema_DecodingBoundedPromptUnchanged(int mark, bool expected)
    {
        using var shown = JsonDocument.Parse("""{"type":"object","properties":{"mark":{"type":"integer"}},"required":["mark"]}""");
        using var bounded = JsonDocument.Parse("""{"type":"object","properties":{"mark":{"type":"integer","minimum":1,"maximum":3}},"required":["mark"]}""");
        var plain = AIFunctionFactory.CreateDeclaration("click", "Click a mark", shown.RootElement.Clone());
        var narrowed = new ConstraintOnlyDeclaration(plain, bounded.RootElement.Clone());
        var messages = new[] { new ChatMessage(ChatRole.User, "Click.") };

        var withBounds = Mapper().Map(messages, new ChatOptions { Tools = [narrowed], ToolMode = ChatToolMode.RequireAny });
        var without = Mapper().Map(messages, new ChatOptions { Tools = [plain], ToolMode = ChatToolMode.RequireAny });

        Assert.Equal(without.Prompt.Text, withBounds.Prompt.Text);
        Assert.Equal(expected, Accepts((ToolCallConstraint)withBounds.Request.Constraint!, $"<tool_call>{{\"name\":\"click\",\"arguments\":{{\"mark\":{mark}}}}}</tool_call>"));
        Assert.True(Accepts((ToolCallConstraint)without.Request.Constraint!, "<tool_call>{\"name\":\"click\",\"arguments\":{\"mark\":4}}</tool_call>"));
    }

    [Theory]
    [InlineData("{\"name\": \"Ada\", \"age\": 36}", true)]
    [InlineData("<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}</tool_call>", true)]
    [InlineData("Plain text.", false)]
    public void Map_JsonSchemaFormatNextToToolsAuto_CallOrJson(string output, bool expected)
    {
        var options = new ChatOptions { Tools = [WeatherTool()], ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(PersonSchema)) };

        var constraint = (ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options).Request.Constraint!;

        Assert.Equal(expected, Accepts(constraint, output));
    }

    [Fact]
    public void Map_JsonFormatNextToToolsRequired_CallOnly()
    {
        var options = new ChatOptions { Tools = [WeatherTool()], ToolMode = ChatToolMode.RequireAny, ResponseFormat = ChatResponseFormat.Json };

        var constraint = (ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "Hi")], options).Request.Constraint!;

        Assert.False(Accepts(constraint, "{}"));
        Assert.True(Accepts(constraint, "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}</tool_call>"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RequiredToolAtSmallBudgets_AlwaysParsedCallNeverRawText(bool streaming)
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        foreach (var options in SmallBudgets(new ChatOptions { Tools = [WeatherTool()], ToolMode = ChatToolMode.RequireAny }, 1.5f))
        {
            var response = await ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Weather in Oslo?")], options, streaming);

            var message = response.Messages.Single();
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(message.Contents, c => c is FunctionCallContent));
            Assert.Equal("get_weather", call.Name);
            Assert.DoesNotContain("<tool_call>", message.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetResponse_RequiredToolWhenTheContextIsTheLimit_AlwaysParsedCall()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var options = new ChatOptions { Tools = [WeatherTool()], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 400, Temperature = 1.5f };
        var minimal = ((ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.Constraint!).MinimalCompletionTokens();
        var basePrompt = Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.PromptTokenIds!.Count;

        // Pad the message so the context leaves from the minimal call's length to 8 more tokens (the tiny tokenizer
        // spends one token on each 'x').
        for (var room = minimal; room <= minimal + 8; room++)
        {
            var text = new string('x', TinyLlavaEngineFixture.ContextLength - basePrompt - room + 1);
            var messages = new[] { new ChatMessage(ChatRole.User, text) };
            var promptTokens = Mapper().Map(messages, options).Request.PromptTokenIds!.Count;
            Assert.Equal(TinyLlavaEngineFixture.ContextLength - room, promptTokens);

            var response = await client.GetResponseAsync(messages, options);

            Assert.True(response.Messages.Single().Contents.OfType<FunctionCallContent>().Any(), $"room {room} (minimal {minimal}): no call parsed from '{response.Text}'");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_MaxOutputTokensBelowTheShortestCall_ThrowsNamingTheLimit(bool streaming)
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var options = new ChatOptions { Tools = [WeatherTool()], ToolMode = ChatToolMode.RequireAny };
        var minimal = ((ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.Constraint!).MinimalCompletionTokens();
        options.MaxOutputTokens = minimal - 1;

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Weather in Oslo?")], options, streaming));

        Assert.Contains($"The output limit is {minimal - 1} tokens", e.Message, StringComparison.Ordinal);
        Assert.Contains($"at least {minimal}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_RequiredToolThatCannotFitTheContext_ThrowsWithTheCounts()
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        var options = new ChatOptions { Tools = [WeatherTool()], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 400 };
        var minimal = ((ToolCallConstraint)Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.Constraint!).MinimalCompletionTokens();
        var basePrompt = Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.PromptTokenIds!.Count;
        var messages = new[] { new ChatMessage(ChatRole.User, new string('x', TinyLlavaEngineFixture.ContextLength - basePrompt - (minimal - 1) + 1)) };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(messages, options));

        Assert.Contains($"leaves {minimal - 1} of the model's {TinyLlavaEngineFixture.ContextLength}-position context", e.Message, StringComparison.Ordinal);
        Assert.Contains($"takes {minimal} tokens", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_JsonSchemaAtSmallBudgets_AlwaysValidJson(bool streaming)
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        foreach (var options in SmallBudgets(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(PersonSchema)) }, 1.5f))
        {
            var response = await ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Who?")], options, streaming);

            using var document = JsonDocument.Parse(response.Text);
            Assert.InRange(document.RootElement.GetProperty("age").GetInt32(), 0, 120);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_JsonNextToToolsAutoAtSmallBudgets_CallOrValidJson(bool streaming)
    {
        using var client = new LocalVlmChatClient(_fixture.Engine);
        foreach (var options in SmallBudgets(new ChatOptions { Tools = [WeatherTool()], ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(PersonSchema)) }, 1.2f))
        {
            var response = await ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Who?")], options, streaming);

            var message = response.Messages.Single();
            if (!message.Contents.OfType<FunctionCallContent>().Any())
            {
                using var document = JsonDocument.Parse(message.Text);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            }

            Assert.DoesNotContain("<tool_call>", message.Text, StringComparison.Ordinal);
        }
    }

    private static bool Accepts(ToolCallConstraint constraint, string text)
    {
        var recognizer = constraint.Core.Recognizer;
        var checkpoint = recognizer.Checkpoint;
        var ok = recognizer.Feed(Encoding.UTF8.GetBytes(text)) && recognizer.CanEnd();
        recognizer.Rollback(checkpoint);
        return ok;
    }

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    // A declaration that shows one schema and carries a narrower one for decoding, as the GUI planner's tools do.
    private sealed class ConstraintOnlyDeclaration(AIFunctionDeclaration inner, JsonElement constraint) : AIFunctionDeclaration
    {
        public override string Name => inner.Name;

        public override string Description => inner.Description;

        public override JsonElement JsonSchema => inner.JsonSchema;

        public override IReadOnlyDictionary<string, object?> AdditionalProperties { get; } = new Dictionary<string, object?> { [LocalVlmChatClient.ConstraintSchemaKey] = constraint };
    }

    private static AIFunction WeatherTool() => AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Gets the weather of a city");

    // Copies of `options` with every MaxOutputTokens from the shortest valid output's token count to 6 more, sampling hot.
    private IEnumerable<ChatOptions> SmallBudgets(ChatOptions options, float temperature)
    {
        var minimal = Mapper().Map([new ChatMessage(ChatRole.User, "x")], options).Request.Constraint switch
        {
            ToolCallConstraint tools => tools.MinimalCompletionTokens(),
            JsonSchemaConstraint json => json.MinimalCompletionTokens(),
            _ => throw new InvalidOperationException("no constraint"),
        };
        for (var budget = minimal; budget <= minimal + 6; budget++)
        {
            var copy = options.Clone();
            copy.MaxOutputTokens = budget;
            copy.Temperature = temperature;
            copy.Seed = budget;
            yield return copy;
        }
    }

    private ChatRequestMapper Mapper(ILogger? logger = null)
    {
        var options = new LocalVlmChatClientOptions();
        var engine = _fixture.Engine;
        return new ChatRequestMapper(engine.Tokenizer, engine.Package.Manifest, ChatTemplates.Get(engine.Package.Manifest.ChatTemplate), options, logger ?? NullLogger.Instance);
    }
}
