using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Chat;
using LocalModel.Generation;
using LocalModel.Imaging;
using LocalModel.Tests.Robustness;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LocalModel.Tests.Chat;

/// <summary>The chat client over the tiny-llava engine (random weights: text is gibberish but greedy output is deterministic).</summary>
public sealed class LocalVlmChatClientTests : IClassFixture<TinyLlavaEngineFixture>
{
    private const int TokensPerImage = 16;
    private readonly TinyLlavaEngineFixture _fixture;

    public LocalVlmChatClientTests(TinyLlavaEngineFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_TextQuestion_ReturnsAssistantTextUsageAndFinishReason(bool streaming)
    {
        // Arrange
        using var client = NewClient();
        var options = new ChatOptions { MaxOutputTokens = 6 };

        // Act
        var response = await ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Hello there")], options, streaming);

        // Assert
        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.NotNull(response.Usage);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 1, 6);
        Assert.True(response.Usage.InputTokenCount > 10);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.Contains(response.FinishReason, new ChatFinishReason?[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.Equal(response.Usage.OutputTokenCount == 6 ? ChatFinishReason.Length : ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("tiny-llava", response.ModelId);
        Assert.NotNull(response.ResponseId);
        var properties = Properties(response);
        Assert.Equal(0, Convert.ToInt32(properties[LocalVlmChatClient.VisualTokensTotalKey], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Convert.ToDouble(properties[LocalVlmChatClient.TimeToFirstTokenKey], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(properties.ContainsKey(LocalVlmChatClient.PrefillKey));
    }

    [Fact]
    public async Task GetResponse_StreamingAndNonStreaming_GiveTheSameGreedyText()
    {
        // Arrange
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("Describe")]) };
        var options = new ChatOptions { MaxOutputTokens = 12 };

        // Act
        var whole = await client.GetResponseAsync(messages, options);
        Assert.Equal(16, Convert.ToInt32(whole.AdditionalProperties![LocalVlmChatClient.VisualTokensKeptKey], System.Globalization.CultureInfo.InvariantCulture));
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            streamed.Add(update);
        }

        // Assert
        Assert.Equal(whole.Text, string.Concat(streamed.Select(u => u.Text)));
        Assert.Equal(whole.Usage!.OutputTokenCount, streamed.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details.OutputTokenCount);
        Assert.Single(streamed, u => u.FinishReason is not null);
        Assert.NotNull(streamed[^1].FinishReason);
        Assert.All(streamed, u => Assert.Equal(streamed[0].ResponseId, u.ResponseId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_SeveralImagesAcrossTurns_AllReachTheModel(bool streaming)
    {
        // Arrange: two images in the first user message, one in the third.
        using var client = NewClient();
        var messages = new List<ChatMessage>
        {
            new(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("Compare")]),
            new(ChatRole.Assistant, "They match."),
            new(ChatRole.User, [new TextContent("And this one?"), new DataContent(_fixture.ImageBytes, "image/png")]),
        };

        // Act
        var response = await ChatCalls.GetAsync(client, messages, new ChatOptions { MaxOutputTokens = 3 }, streaming);

        // Assert
        Assert.Equal(3L * TokensPerImage, Convert.ToInt64(Properties(response)[LocalVlmChatClient.VisualTokensTotalKey], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3L * TokensPerImage, Convert.ToInt64(Properties(response)[LocalVlmChatClient.VisualTokensKeptKey], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3L * TokensPerImage, response.Usage!.AdditionalCounts![LocalVlmChatClient.VisualTokensKeptKey]);
        var prompt = LlavaV1ChatTemplate.DefaultSystemPrompt + " USER: <image>\n<image>\nCompare ASSISTANT: They match.</s>USER: <image>\nAnd this one? ASSISTANT:";
        var promptIds = _fixture.Engine.Tokenizer.Encode(prompt, addBos: true);
        Assert.Equal(3, promptIds.Count(id => id == TinyLlavaEngineFixture.ImageTokenId));
        Assert.Equal(promptIds.Length - 3 + (3 * TokensPerImage), response.Usage.InputTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_FileUri_ReadsImageFromDisk(bool streaming)
    {
        // Arrange
        using var client = NewClient();
        var path = Path.Combine(Fixtures.Dir("tiny-llava"), "image.png");
        var messages = new[] { new ChatMessage(ChatRole.User, [new UriContent(new Uri(path), "image/png"), new TextContent("What is it?")]) };

        // Act
        var response = await ChatCalls.GetAsync(client, messages, new ChatOptions { MaxOutputTokens = 2 }, streaming);

        // Assert
        Assert.Equal(TokensPerImage, Convert.ToInt32(Properties(response)[LocalVlmChatClient.VisualTokensKeptKey], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_EmptyMessageList_ThrowsArgumentException(bool streaming)
    {
        using var client = NewClient();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, [], null, streaming));

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_NonImageDataContent_ThrowsNamingMediaType(bool streaming)
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "application/pdf"), new TextContent("Summarize")]) };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains("application/pdf", e.Message, StringComparison.Ordinal);
        Assert.Contains("messages[0]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UnsupportedContentType_ThrowsNamingTheType(bool streaming)
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, [new HostedFileContent("file-123")]) };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains(nameof(HostedFileContent), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "https://example.com/cat.png", "https")]
    [InlineData(true, "http://localhost/cat.png", "http")]
    [InlineData(false, "ftp://host/cat.png", "ftp")]
    public async Task GetResponse_NonFileUri_ThrowsWithoutFetching(bool streaming, string uri, string scheme)
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, [new UriContent(uri, "image/png"), new TextContent("What is it?")]) };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains($"'{scheme}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_FileUriWhenDisallowed_Throws()
    {
        using var client = NewClient(new LocalVlmChatClientOptions { AllowFileUris = false });
        var path = Path.Combine(Fixtures.Dir("tiny-llava"), "image.png");
        var messages = new[] { new ChatMessage(ChatRole.User, [new UriContent(new Uri(path), "image/png")]) };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(messages));

        Assert.Contains("AllowFileUris", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_MissingFile_ThrowsFileNotFoundNamingPath()
    {
        using var client = NewClient();
        var path = Path.Combine(Path.GetTempPath(), "no-such-image-" + Guid.NewGuid().ToString("N") + ".png");
        var messages = new[] { new ChatMessage(ChatRole.User, [new UriContent(new Uri(path), "image/png")]) };

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => client.GetResponseAsync(messages));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UndecodableImage_ThrowsImageDecodeExceptionNamingTheMessage(bool streaming)
    {
        using var client = NewClient();
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "first"),
            new ChatMessage(ChatRole.User, [new DataContent(BadImages.PngSignatureThenNoise(64), "image/png") { Name = "broken.png" }, new TextContent("What is it?")]),
        };

        var e = await Assert.ThrowsAsync<ImageDecodeException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains("messages[1] image 1 (broken.png)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_PromptLongerThanContext_ThrowsArgumentExceptionNamingContext(bool streaming)
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat("zebra quartz", 400))) };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains("context", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("512", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ToolResultWithoutMatchingCall_ThrowsNamingCallId(bool streaming)
    {
        using var client = NewClient();
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "Weather?"),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_missing", "sunny")]),
        };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, messages, null, streaming));

        Assert.Contains("call_missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("messages[1]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_HistoryCallsUnknownTool_ThrowsNamingTheTool(bool streaming)
    {
        using var client = NewClient();
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "Weather?"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "launch_rocket", new Dictionary<string, object?>())]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "done")]),
        };
        var options = new ChatOptions { Tools = [WeatherFunction()] };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, messages, options, streaming));

        Assert.Contains("launch_rocket", e.Message, StringComparison.Ordinal);
        Assert.Contains("get_weather", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_ImageInAssistantMessage_Throws()
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, "Draw"), new ChatMessage(ChatRole.Assistant, [new DataContent(_fixture.ImageBytes, "image/png")]) };

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(messages));

        Assert.Contains("assistant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_UnknownRole_Throws()
    {
        using var client = NewClient();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new ChatMessage(new ChatRole("narrator"), "Once")]));

        Assert.Contains("narrator", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UnknownAdditionalPropertyWhenStrict_ThrowsNamingKeyAndAllowedKeys(bool streaming)
    {
        using var client = NewClient(new LocalVlmChatClientOptions { StrictRequestSettings = true });
        var options = new ChatOptions { AdditionalProperties = new() { ["top_kk"] = 3 } };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Hi")], options, streaming));

        Assert.Contains("top_kk", e.Message, StringComparison.Ordinal);
        Assert.Contains("top_k, repetition_penalty, pruning_method, visual_token_budget, keep_positions", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_UnknownAdditionalProperty_IgnoredAndLoggedAtDebug(bool streaming)
    {
        // Arrange
        var logger = new RecordingLogger();
        using var client = new LocalVlmChatClient(_fixture.Engine, ownsEngine: false, loggerFactory: logger);
        var options = new ChatOptions { MaxOutputTokens = 2, AdditionalProperties = new() { ["agent_run_id"] = "r1", ["top_k"] = 1 } };

        // Act
        var response = await ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Hi")], options, streaming);

        // Assert
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 2);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("'agent_run_id'", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("'top_k'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task GetResponse_KnownKeyWithBadValue_ThrowsNamingKeyAndExpectation(bool streaming, bool strict)
    {
        using var client = NewClient(new LocalVlmChatClientOptions { StrictRequestSettings = strict });
        var options = new ChatOptions { AdditionalProperties = new() { ["repetition_penalty"] = "loud", ["other_layer_key"] = 1 } };

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Hi")], options, streaming));

        Assert.Contains(strict ? "other_layer_key" : "repetition_penalty", e.Message, StringComparison.Ordinal);
        if (!strict)
        {
            Assert.Contains("expected a number", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Constructor_TemplateRegisteredInOneClientsOptions_DoesNotAffectAnotherClient()
    {
        // Arrange: the tiny package names llava-v1; one client's options replace it.
        var replaced = new LocalVlmChatClientOptions();
        replaced.ChatTemplates.Register("llava-v1", ChatMlChatTemplate.Instance);

        // Act
        using var first = NewClient(replaced);
        using var other = NewClient();
        replaced.ChatTemplates.Register("llava-v1", LlavaV1ChatTemplate.Instance);
        using var later = NewClient(replaced);

        // Assert
        Assert.Same(ChatMlChatTemplate.Instance, first.ChatTemplate);
        Assert.Same(LlavaV1ChatTemplate.Instance, other.ChatTemplate);
        Assert.Same(LlavaV1ChatTemplate.Instance, later.ChatTemplate);
        Assert.Same(LlavaV1ChatTemplate.Instance, new LocalVlmChatClientOptions().ChatTemplates.Get("llava-v1"));
    }

    // Changed by the "structured output that never breaks" issue: FrequencyPenalty used to throw NotSupportedException;
    // it now maps to SamplingOptions.FrequencyPenalty (see ChatStructuredOutputTests for the mapping).
    [Fact]
    public async Task GetResponse_FrequencyPenalty_Accepted()
    {
        using var client = NewClient();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { FrequencyPenalty = 0.5f, PresencePenalty = 0f, MaxOutputTokens = 2 });

        Assert.NotNull(response.Messages.Single());
    }

    [Fact]
    public async Task GetResponse_Instructions_ReplaceDefaultSystemPrompt()
    {
        using var client = NewClient();
        var messages = new[] { new ChatMessage(ChatRole.User, "Hi") };

        var plain = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 1 });
        var instructed = await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 1, Instructions = "Be terse." });

        Assert.True(instructed.Usage!.InputTokenCount < plain.Usage!.InputTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_CancelledToken_ThrowsOperationCanceled(bool streaming)
    {
        using var client = NewClient();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChatCalls.GetAsync(client, [new ChatMessage(ChatRole.User, "Hi")], null, streaming, cts.Token));
    }

    [Fact]
    public async Task GetStreamingResponse_CancelledMidStream_StopsWithOperationCanceled()
    {
        // Arrange: end-of-sequence masked so the stream cannot finish before the cancellation.
        using var client = NewClient();
        using var cts = new CancellationTokenSource();
        var options = new ChatOptions { MaxOutputTokens = 400 };
        var received = 0;

        // Act
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Tell a long story")], options, cts.Token))
            {
                received++;
                await cts.CancelAsync();
            }
        });

        // Assert
        Assert.True(received >= 1);
        Assert.True(received < 400);
    }

    [Fact]
    public async Task GetResponse_DoesNotModifyCallerInputs()
    {
        // Arrange
        using var client = NewClient();
        var messages = new List<ChatMessage> { new(ChatRole.User, [new DataContent(_fixture.ImageBytes, "image/png"), new TextContent("Hi")]) };
        var options = new ChatOptions { MaxOutputTokens = 2, StopSequences = ["END"], AdditionalProperties = new() { ["repetition_penalty"] = 1.1 }, Tools = [WeatherFunction()] };

        // Act
        await client.GetResponseAsync(messages, options);

        // Assert
        Assert.Single(messages);
        Assert.Equal(2, messages[0].Contents.Count);
        Assert.Equal(["END"], options.StopSequences);
        Assert.Single(options.AdditionalProperties);
        Assert.Single(options.Tools);
        Assert.Null(options.ToolMode);
        Assert.Equal(2, options.MaxOutputTokens);
    }

    [Fact]
    public async Task GetResponse_ConcurrentRequests_GetTheirOwnGreedyAnswers()
    {
        // Arrange
        using var client = NewClient();
        var questions = new[] { "First question", "Second one", "A third", "Fourth" };
        var options = new ChatOptions { MaxOutputTokens = 8 };
        var alone = new List<string>();
        foreach (var q in questions)
        {
            alone.Add((await client.GetResponseAsync([new ChatMessage(ChatRole.User, q)], options)).Text);
        }

        // Act
        var together = await Task.WhenAll(questions.Select(q => client.GetResponseAsync([new ChatMessage(ChatRole.User, q)], options)));

        // Assert
        Assert.Equal(alone, together.Select(r => r.Text));
    }

    [Fact]
    public async Task ChatTemplateOption_OverridesPackageTemplate()
    {
        var log = new RecordingLogger();
        using var client = new LocalVlmChatClient(_fixture.Engine, options: new LocalVlmChatClientOptions { ChatTemplate = ChatMlChatTemplate.Instance }, loggerFactory: log);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 1 });

        Assert.Same(ChatMlChatTemplate.Instance, client.GetService<IChatTemplate>());
        Assert.Contains(log.Entries, e => e.Message.Contains("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", StringComparison.Ordinal));
    }

    [Fact]
    public void GetService_ReturnsMetadataEngineAndClient()
    {
        using var client = NewClient(new LocalVlmChatClientOptions { ModelId = "my-model" });

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("localmodel", metadata.ProviderName);
        Assert.Equal("my-model", metadata.DefaultModelId);
        Assert.Same(_fixture.Engine, client.GetService<VlmEngine>());
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Same(LlavaV1ChatTemplate.Instance, client.GetService<IChatTemplate>());
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
        Assert.Null(client.GetService<string>());
    }

    [Fact]
    public async Task Dispose_OwnsEngine_DisposesEngine()
    {
        var engine = VlmEngine.Load(_fixture.PackageDirectory);
        var client = new LocalVlmChatClient(engine, ownsEngine: true);

        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.GenerateAsync(new GenerationRequest { Prompt = "hi" }));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
    }

    [Fact]
    public async Task Dispose_NotOwningEngine_LeavesEngineUsable()
    {
        var client = NewClient();

        client.Dispose();

        var result = await _fixture.Engine.GenerateAsync(new GenerationRequest { Prompt = "hi", MaxTokens = 1 });
        Assert.True(result.Usage.PromptTokens > 0);
    }

    [Fact]
    public void Constructor_UnknownDefaultPruningMethod_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LocalVlmChatClient(_fixture.Engine, options: new LocalVlmChatClientOptions { DefaultPruningMethod = "bogus" }));

        Assert.Contains("bogus", e.Message, StringComparison.Ordinal);
    }

    internal static AIFunction WeatherFunction() =>
        AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Gets the weather of a city");

    /// <summary>The last update's properties: on the message (ToChatResponse) and, from GetResponseAsync, on the response too.</summary>
    private static AdditionalPropertiesDictionary Properties(ChatResponse response) =>
        response.Messages[^1].AdditionalProperties ?? throw new InvalidOperationException("The response message has no AdditionalProperties.");

    private LocalVlmChatClient NewClient(LocalVlmChatClientOptions? options = null) => new(_fixture.Engine, ownsEngine: false, options);
}
