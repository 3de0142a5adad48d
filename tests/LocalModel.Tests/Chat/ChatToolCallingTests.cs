using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Chat;

/// <summary>
/// Tool calls and JSON output end to end on the tiny model. With random weights only constrained decoding
/// (LocalModel.Constrained) makes the model emit a valid call or JSON: these tests fail if the constraints stop masking.
/// </summary>
[Trait("Requires", "ConstrainedDecoding")]
public sealed class ChatToolCallingTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const string NeedsConstraint = "With random weights only constrained decoding (LocalModel.Constrained) yields this.";
    private readonly TinyLlavaEngineFixture _fixture;

    public ChatToolCallingTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    public enum City
    {
        Paris,
        Tokyo,
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "get_weather")]
    [InlineData(true, "get_weather")]
    public async Task GetResponse_ToolRequired_ReturnsOneSchemaValidCall(bool streaming, string? requiredName)
    {
        // Arrange
        using var client = NewClient();
        var options = new ChatOptions
        {
            Tools = [Weather(new ConcurrentQueue<City>())],
            ToolMode = requiredName is null ? ChatToolMode.RequireAny : ChatToolMode.RequireSpecific(requiredName),
            MaxOutputTokens = 100,
        };

        // Act
        var response = await ChatCalls.GetAsync(client, [Question()], options, streaming);

        // Assert
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToArray();
        Assert.True(calls.Length >= 1, $"No tool call in '{response.Text}'. {NeedsConstraint}");
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.All(calls, c => Assert.Matches("^call_[0-9]+$", c.CallId));
        Assert.Equal(calls.Length, calls.Select(c => c.CallId).Distinct().Count());
        Assert.All(calls, c =>
        {
            Assert.Equal("get_weather", c.Name);
            Assert.True(Enum.TryParse<City>(Assert.IsType<string>(c.Arguments!["city"]), out _));
            Assert.Single(c.Arguments);
        });
    }

    [Fact]
    public async Task FunctionInvocation_RequiredTool_InvokesFunctionAndSendsResultBack()
    {
        // Arrange: one function-calling round, so the second model call gets no tools.
        var log = new RecordingLogger();
        using var local = new LocalVlmChatClient(_fixture.Engine, options: new LocalVlmChatClientOptions { DefaultSystemPrompt = "Use the tools." }, loggerFactory: log);
        using var client = local.AsBuilder().UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 1).Build();
        var seen = new ConcurrentQueue<City>();
        var options = new ChatOptions { Tools = [Weather(seen)], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 100 };

        // Act
        var response = await client.GetResponseAsync([Question()], options);

        // Assert
        Assert.True(seen.Count == 1, $"get_weather was called {seen.Count} times. {NeedsConstraint}");
        var prompts = log.Entries.Where(e => e.Message.StartsWith("Chat prompt", StringComparison.Ordinal)).Select(e => e.Message).ToArray();
        Assert.Equal(2, prompts.Length);
        Assert.Contains($"<tool_response>{{\"name\":\"get_weather\",\"content\":\"sunny in {seen.Single()}\"}}</tool_response>", prompts[1], StringComparison.Ordinal);
        Assert.DoesNotContain("# Tools", prompts[1], StringComparison.Ordinal);
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_JsonSchemaFormat_ReturnsMatchingJson(bool streaming)
    {
        // Arrange
        using var client = NewClient();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Tokyo"]}},"required":["city"],"additionalProperties":false}""").RootElement;
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "weather_question"), MaxOutputTokens = 60 };

        // Act
        var response = await ChatCalls.GetAsync(client, [Question()], options, streaming);

        // Assert
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(response.Text).RootElement;
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"Not JSON: '{response.Text}' ({e.Message}). {NeedsConstraint}");
        }

        Assert.True(Enum.TryParse<City>(root.GetProperty("city").GetString(), out _));
        Assert.Single(root.EnumerateObject());
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    private static AIFunction Weather(ConcurrentQueue<City> seen) =>
        AIFunctionFactory.Create(
            (City city) =>
            {
                seen.Enqueue(city);
                return $"sunny in {city}";
            },
            "get_weather",
            "Gets the weather of a city");

    private ChatMessage Question() => new(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("What's the weather in this city?")]);

    private LocalVlmChatClient NewClient() => new(_fixture.Engine, options: new LocalVlmChatClientOptions { DefaultSystemPrompt = "Use the tools." });
}
