using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests;

/// <summary>The server's HTTP contract over a hand-written chat client: routes, statuses, error bodies and limits.</summary>
public sealed class OpenAiServerHttpTests
{
    private const string Hello = """{"model":"tiny-llava","messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task Health_WithApiKeyConfiguredAndNoneSent_Ok()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient(), o => o.ApiKey = "secret");

        using var response = await host.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("secret-but-longer")]
    public async Task ChatCompletions_MissingOrWrongKey_401(string? key)
    {
        var fake = new FakeChatClient();
        await using var host = await ServerHost.StartAsync(fake, o => o.ApiKey = "secret");

        using var response = await host.PostChatAsync(Hello, key);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(401, error.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task ChatCompletions_RightKey_AnswersAsCompletionObject()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient(), o => o.ApiKey = "secret");

        using var response = await host.PostChatAsync(Hello, "secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal("tiny-llava", root.GetProperty("model").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello there.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Models_Get_ListsTheServedModel()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());

        using var body = JsonDocument.Parse(await host.Http.GetStringAsync("/v1/models"));

        Assert.Equal("list", body.RootElement.GetProperty("object").GetString());
        Assert.Equal(["tiny-llava"], body.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"n":2}""", "n")]
    [InlineData("""{"messages":[{"role":"pirate","content":"Hi"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":0}""", "max_completion_tokens")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"temperature":3}""", "temperature")]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"function","function":{"name":"nope"}},"tools":[]}""", "tool_choice")]
    public async Task ChatCompletions_BadInput_400NamingTheParameter(string json, string? param)
    {
        var fake = new FakeChatClient();
        await using var host = await ServerHost.StartAsync(fake);

        using var response = await host.PostChatAsync(json);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task ChatCompletions_RemoteImageWhenNotAllowed_400NamesTheOption()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());
        const string Json = """{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://127.0.0.1:1/cat.png"}}]}]}""";

        using var response = await host.PostChatAsync(Json);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(400, error.Status);
        Assert.Contains("AllowRemoteImages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_404ModelNotFound()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());

        using var response = await host.PostChatAsync("""{"model":"gpt-9","messages":[{"role":"user","content":"Hi"}]}""");

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(404, error.Status);
        Assert.Equal("model", error.Param);
        Assert.Contains("tiny-llava", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimit_413()
    {
        var fake = new FakeChatClient();
        await using var host = await ServerHost.StartAsync(fake, o => o.MaxRequestBytes = 1024);
        var json = $$"""{"messages":[{"role":"user","content":"{{new string('x', 4096)}}"}]}""";

        using var response = await host.PostChatAsync(json);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(413, error.Status);
        Assert.Contains("1024 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Calls);
    }

    [Fact]
    public async Task ChatCompletions_ChunkedBodyOverLimit_413()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient(), o => o.MaxRequestBytes = 1024);
        var json = $$"""{"messages":[{"role":"user","content":"{{new string('x', 4096)}}"}]}""";
        using var content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(413, (await ServerHost.ReadErrorAsync(response)).Status);
    }

    [Fact]
    public async Task ChatCompletions_NotJsonContentType_415()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());

        using var response = await host.PostChatAsync(Hello, mediaType: "text/plain");

        Assert.Equal(415, (await ServerHost.ReadErrorAsync(response)).Status);
    }

    [Fact]
    public async Task ChatCompletions_QueueFull_429WithRetryAfterThenServesAgain()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeChatClient();
        fake.Answer = async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));
        };
        await using var host = await ServerHost.StartAsync(fake, o => { o.MaxConcurrentRequests = 1; o.MaxQueuedRequests = 0; });

        var first = host.PostChatAsync(Hello);
        await fake.FirstCall.WaitAsync(TimeSpan.FromSeconds(30));
        using var refused = await host.PostChatAsync(Hello);
        release.SetResult();
        using var served = await first;
        using var again = await host.PostChatAsync(Hello);

        Assert.Equal(429, (await ServerHost.ReadErrorAsync(refused)).Status);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_QueuedRequest_WaitsForTheSlotInsteadOf429()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeChatClient();
        fake.Answer = async (_, _, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));
        };
        await using var host = await ServerHost.StartAsync(fake, o => { o.MaxConcurrentRequests = 1; o.MaxQueuedRequests = 1; });

        var first = host.PostChatAsync(Hello);
        await fake.FirstCall.WaitAsync(TimeSpan.FromSeconds(30));
        var second = host.PostChatAsync(Hello);
        await Task.Delay(200);
        Assert.Single(fake.Calls);
        release.SetResult();

        using var a = await first;
        using var b = await second;
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(2, fake.Calls.Count);
    }

    [Fact]
    public async Task ChatCompletions_SlowerThanTimeout_504AndTheCallIsCancelled()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeChatClient();
        fake.Answer = async (_, _, ct) =>
        {
            using var registration = ct.Register(cancelled.SetResult);
            return await FakeChatClient.Hang(ct);
        };
        await using var host = await ServerHost.StartAsync(fake, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        using var response = await host.PostChatAsync(Hello);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(504, error.Status);
        Assert.Contains("0.3 s", error.Message, StringComparison.Ordinal);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ChatCompletions_ClientRefusesInput_400WithItsMessage()
    {
        var fake = new FakeChatClient { Answer = (_, _, _) => throw new ArgumentException("The pruning method 'magic' is unknown; use fastervlm.", "options") };
        await using var host = await ServerHost.StartAsync(fake);

        using var response = await host.PostChatAsync(Hello);

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(400, error.Status);
        Assert.Contains("'magic'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ClientCrashes_500WithoutDetailsAndServerStaysUp()
    {
        var fake = new FakeChatClient { Answer = (_, _, _) => throw new InvalidOperationException("secret internal state") };
        await using var host = await ServerHost.StartAsync(fake);

        using var response = await host.PostChatAsync(Hello);
        using var health = await host.Http.GetAsync("/health");

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(500, error.Status);
        Assert.Equal("server_error", error.Type);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_StreamFailsMidway_ErrorEventAfterTheFirstChunk()
    {
        var fake = new FakeChatClient { StreamFailsAfter = 1 };
        fake.Answer = (_, _, _) => Task.FromResult(new ChatResponse([
            new ChatMessage(ChatRole.Assistant, "first"),
            new ChatMessage(ChatRole.Assistant, "second"),
        ]));
        await using var host = await ServerHost.StartAsync(fake);

        using var response = await host.PostChatAsync("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}""");
        var events = SseEvents(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, events.Length);
        Assert.Contains("first", events[0], StringComparison.Ordinal);
        Assert.Equal("server_error", JsonDocument.Parse(events[1]).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletions_Stream_ChunksThenFinishThenUsageThenDone()
    {
        var fake = new FakeChatClient();
        fake.Answer = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hi!"))
        {
            FinishReason = ChatFinishReason.Length,
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 3, TotalTokenCount = 15 },
        });
        await using var host = await ServerHost.StartAsync(fake);

        using var response = await host.PostChatAsync("""{"messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}""");
        var body = await response.Content.ReadAsStringAsync();
        var events = SseEvents(body);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        var chunks = events.Select(e => JsonDocument.Parse(e).RootElement).ToArray();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("Hi!", string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : null)));
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(12, chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task ChatCompletions_FullRequest_MappedToChatMessagesAndOptions()
    {
        var fake = new FakeChatClient();
        await using var host = await ServerHost.StartAsync(fake);
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]);
        var json = """
            {"model":"tiny-llava","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,PNG"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"look","arguments":"{\"x\":3}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"a cat"}],
             "tools":[{"type":"function","function":{"name":"look","description":"Looks.","parameters":{"type":"object","properties":{"x":{"type":"integer"}}}}}],
             "tool_choice":"required","max_tokens":32,"temperature":0.5,"top_p":0.9,"stop":["END"],"seed":7,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}}}}},
             "pruning_method":"fastervlm","visual_token_budget":"25%","unknown_field":1}
            """.Replace("PNG", png, StringComparison.Ordinal);

        using var response = await host.PostChatAsync(json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (messages, options) = Assert.Single(fake.Calls);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role));
        var image = Assert.Single(messages[1].Contents.OfType<DataContent>());
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(4, image.Data.Length);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("call_1", "look", 3), (call.CallId, call.Name, ((JsonElement)call.Arguments!["x"]!).GetInt32()));
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents));
        Assert.Equal("call_1", result.CallId);
        Assert.NotNull(options);
        Assert.Equal("look", Assert.Single(options.Tools!).Name);
        Assert.IsType<RequiredChatToolMode>(options.ToolMode);
        Assert.Equal((32, 0.5f, 0.9f, 7L), (options.MaxOutputTokens, options.Temperature, options.TopP, options.Seed));
        Assert.Equal(["END"], options.StopSequences!);
        Assert.Equal("answer", Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat).SchemaName);
        Assert.Equal("fastervlm", ((JsonElement)options.AdditionalProperties!["pruning_method"]!).GetString());
        Assert.Equal("25%", ((JsonElement)options.AdditionalProperties["visual_token_budget"]!).GetString());
        Assert.False(options.AdditionalProperties.ContainsKey("unknown_field"));
    }

    [Fact]
    public async Task Metrics_AfterARequest_PrometheusTextCountsIt()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());
        using (await host.PostChatAsync(Hello))
        {
        }

        var text = await host.Http.GetStringAsync("/metrics");

        Assert.Contains("agents_server_requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_404ListsTheRoutes()
    {
        await using var host = await ServerHost.StartAsync(new FakeChatClient());

        using var response = await host.Http.GetAsync("/v1/embeddings");

        var error = await ServerHost.ReadErrorAsync(response);
        Assert.Equal(404, error.Status);
        Assert.Contains("/v1/chat/completions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HostEmpty_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => OpenAiServer.Create(new FakeChatClient(), new OpenAiServerOptions { Host = " " }));

        Assert.Contains("OpenAiServerOptions.Host", e.Message, StringComparison.Ordinal);
    }

    private static string[] SseEvents(string body) =>
        [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal) && e != "data: [DONE]")
            .Select(e => e["data: ".Length..])];
}
