using System;
using System.ClientModel;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkImage = Microsoft.SemanticKernel.ImageContent;
using SkText = Microsoft.SemanticKernel.TextContent;

namespace Agents.Server.Tests;

/// <summary>
/// The server on loopback over the real engine (the tiny-llava fixture), driven by real OpenAI clients:
/// Microsoft.Extensions.AI.OpenAI and Semantic Kernel's OpenAI connector. Greedy answers through the server must
/// equal the engine's own answers to the same messages, token for token.
/// </summary>
public sealed class OpenAiServerRealClientTests : IClassFixture<TinyLlavaChatClientFixture>
{
    private const string Key = "test-key";
    private readonly TinyLlavaChatClientFixture _fixture;
    private readonly byte[] _image = File.ReadAllBytes(Path.Combine(Fixtures.Dir("tiny-llava"), "image.png"));

    public OpenAiServerRealClientTests(TinyLlavaChatClientFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task MeaiOpenAi_ImageNonStreaming_SameAnswerAndUsageAsTheEngine()
    {
        await using var host = await StartAsync();
        using var remote = MeaiClient(host);
        var messages = ImageQuestion();
        var options = new ChatOptions { MaxOutputTokens = 12, Temperature = 0 };

        var expected = await _fixture.Client.GetResponseAsync(messages, options);
        var actual = await remote.GetResponseAsync(messages, options);

        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Usage!.InputTokenCount, actual.Usage!.InputTokenCount);
        Assert.Equal(expected.Usage.OutputTokenCount, actual.Usage.OutputTokenCount);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
    }

    [Fact]
    public async Task MeaiOpenAi_ImageStreaming_SameTextInSeveralUpdatesAndUsageAtTheEnd()
    {
        await using var host = await StartAsync();
        using var remote = MeaiClient(host);
        var messages = ImageQuestion();
        var options = new ChatOptions { MaxOutputTokens = 12, Temperature = 0 };

        var expected = await _fixture.Client.GetResponseAsync(messages, options);
        var updates = await remote.GetStreamingResponseAsync(messages, options).ToListAsync();

        Assert.Equal(expected.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the answer should arrive in several chunks");
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(expected.Usage!.InputTokenCount, usage.Details.InputTokenCount);
    }

    [Fact]
    public async Task MeaiOpenAi_RequiredTool_ParsedCallWithTheSchemasArguments()
    {
        await using var host = await StartAsync();
        using var remote = MeaiClient(host);
        var tool = AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Gets the weather for a city.");
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 64, Temperature = 0 };

        var response = await remote.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Oslo?")], options);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.IsType<string>(call.Arguments!["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task SemanticKernel_ImageNonStreaming_SameAnswerAsTheEngine()
    {
        await using var host = await StartAsync();
        var chat = SkService(host);
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 12, Temperature = 0 };

        var expected = await _fixture.Client.GetResponseAsync(ImageQuestion(), new ChatOptions { MaxOutputTokens = 12, Temperature = 0 });
        var actual = await chat.GetChatMessageContentAsync(SkImageQuestion(), settings);

        Assert.Equal(expected.Text, actual.Content);
        Assert.Equal(AuthorRole.Assistant, actual.Role);
    }

    [Fact]
    public async Task SemanticKernel_ImageStreaming_SameTextAsTheEngine()
    {
        await using var host = await StartAsync();
        var chat = SkService(host);
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 12, Temperature = 0 };

        var expected = await _fixture.Client.GetResponseAsync(ImageQuestion(), new ChatOptions { MaxOutputTokens = 12, Temperature = 0 });
        var chunks = await chat.GetStreamingChatMessageContentsAsync(SkImageQuestion(), settings).ToListAsync();

        Assert.Equal(expected.Text, string.Concat(chunks.Select(c => c.Content)));
    }

    [Fact]
    public async Task SemanticKernel_RequiredFunction_KernelFunctionCallReturned()
    {
        await using var host = await StartAsync();
        var kernel = SkKernel(host);
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod((string city) => $"Sunny in {city}", "get_weather", "Gets the weather for a city.")]);
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 120, Temperature = 0, FunctionChoiceBehavior = FunctionChoiceBehavior.Required(autoInvoke: false) };

        var answer = await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(new ChatHistory("Weather in Oslo?", AuthorRole.User), settings, kernel);

        var call = Assert.Single(SkFunctionCall.GetFunctionCalls(answer));
        Assert.Equal(("weather", "get_weather"), (call.PluginName, call.FunctionName));
        Assert.True(call.Arguments!.ContainsName("city"));
    }

    [Fact]
    public async Task SemanticKernel_RequiredFunction_ServerSeesRequiredModeAndTheTool()
    {
        var fake = new FakeChatClient();
        await using var host = await ServerHost.StartAsync(fake);
        var kernel = SkKernel(host);
        kernel.Plugins.AddFromFunctions("weather", [KernelFunctionFactory.CreateFromMethod((string city) => $"Sunny in {city}", "get_weather", "Gets the weather for a city.")]);
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 64, Temperature = 0, FunctionChoiceBehavior = FunctionChoiceBehavior.Required(autoInvoke: false) };

        await kernel.GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync(new ChatHistory("Weather in Oslo?", AuthorRole.User), settings, kernel);

        var (_, options) = Assert.Single(fake.Calls);
        Assert.Equal("weather-get_weather", Assert.Single(options!.Tools!).Name);
        Assert.Equal(ChatToolMode.RequireAny, options.ToolMode);
    }

    [Fact]
    public async Task Raw_PruningExtensionFields_FewerVisualTokensKeptAndFewerPromptTokens()
    {
        await using var host = await StartAsync();
        var image = $"data:image/png;base64,{Convert.ToBase64String(_image)}";
        string Body(string extra) =>
            """{"model":"tiny-llava","max_tokens":4,"temperature":0""" + extra
            + ""","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"IMAGE"}},{"type":"text","text":"Describe the image."}]}]}""".Replace("IMAGE", image, StringComparison.Ordinal);

        var full = await UsageAsync(host, Body(string.Empty));
        var pruned = await UsageAsync(host, Body(""","pruning_method":"fastervlm","visual_token_budget":"25%" """));

        Assert.Equal(full.GetProperty("visual_tokens_total").GetInt32(), full.GetProperty("visual_tokens_kept").GetInt32());
        var total = pruned.GetProperty("visual_tokens_total").GetInt32();
        var kept = pruned.GetProperty("visual_tokens_kept").GetInt32();
        Assert.Equal((int)Math.Round(total * 0.25), kept);
        Assert.Equal(full.GetProperty("prompt_tokens").GetInt32() - (total - kept), pruned.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Raw_JsonSchemaResponseFormat_AnswerParsesWithTheRequiredProperty()
    {
        await using var host = await StartAsync();
        const string Body = """
            {"model":"tiny-llava","max_tokens":200,"temperature":0,
             "messages":[{"role":"user","content":"Name a colour."}],
             "response_format":{"type":"json_schema","json_schema":{"name":"colour","strict":true,"schema":{"type":"object","properties":{"colour":{"type":"string","maxLength":12}},"required":["colour"],"additionalProperties":false}}}}
            """;

        using var response = await host.PostChatAsync(Body, Key);
        using var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
        Assert.Equal(JsonValueKind.String, answer.RootElement.GetProperty("colour").ValueKind);
    }

    [Fact]
    public async Task MeaiOpenAi_ToolCallLongerThanMaxTokens_400NamingTheLimit()
    {
        await using var host = await StartAsync();
        using var remote = MeaiClient(host);
        var tool = AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather_for_a_city_by_its_name");
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 20 };

        var e = await Assert.ThrowsAsync<ClientResultException>(() => remote.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Oslo?")], options));

        Assert.Equal(400, e.Status);
        Assert.Contains("The output limit is 20 tokens", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_UnknownPruningMethod_400NamingIt()
    {
        await using var host = await StartAsync();

        using var response = await host.PostChatAsync("""{"messages":[{"role":"user","content":"Hi"}],"pruning_method":"magic"}""", Key);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(400, error.Status);
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> UsageAsync(ServerHost host, string body)
    {
        using var response = await host.PostChatAsync(body, Key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("usage").Clone();
    }

    private Task<ServerHost> StartAsync() => ServerHost.StartAsync(_fixture.Client, o => o.ApiKey = Key);

    private static IChatClient MeaiClient(ServerHost host) =>
        new OpenAI.Chat.ChatClient("tiny-llava", new ApiKeyCredential(Key), new OpenAIClientOptions { Endpoint = host.V1 }).AsIChatClient();

    private static IChatCompletionService SkService(ServerHost host) => SkKernel(host).GetRequiredService<IChatCompletionService>();

    private static Kernel SkKernel(ServerHost host)
    {
        var builder = Kernel.CreateBuilder();
#pragma warning disable SKEXP0010 // The endpoint overload of AddOpenAIChatCompletion is experimental.
        builder.AddOpenAIChatCompletion("tiny-llava", host.V1, Key);
#pragma warning restore SKEXP0010
        return builder.Build();
    }

    private ChatMessage[] ImageQuestion() =>
        [new ChatMessage(ChatRole.User, [new DataContent(_image, "image/png"), new Microsoft.Extensions.AI.TextContent("Describe the image.")])];

    private ChatHistory SkImageQuestion() =>
        [new ChatMessageContent(AuthorRole.User, [new SkImage(_image, "image/png"), new SkText("Describe the image.")])];
}
