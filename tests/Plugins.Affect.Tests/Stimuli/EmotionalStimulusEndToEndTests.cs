using System;
using System.Threading.Tasks;
using Agents.TestSupport;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Plugins.Affect.Stimuli;

namespace Plugins.Affect.Tests.Stimuli;

/// <summary>The middleware in front of the real local client over the tiny-llava fixture.</summary>
public sealed class EmotionalStimulusEndToEndTests : IClassFixture<TinyLlavaChatClientFixture>
{
    private readonly TinyLlavaChatClientFixture _fixture;

    public EmotionalStimulusEndToEndTests(TinyLlavaChatClientFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_StrictLocalClientWithRequestKey_KeyNeverReachesTheClient(bool streaming)
    {
        // Arrange: a strict local client rejects unknown AdditionalProperties keys, so the request only succeeds if the
        // middleware removed "emotional_stimulus" before passing the request on.
        using var strict = new LocalVlmChatClient(_fixture.Engine, ownsEngine: false, new LocalVlmChatClientOptions { ModelId = "tiny-llava", StrictRequestSettings = true });
        using var client = new ChatClientBuilder(strict).UseEmotionalStimulus().Build();
        var options = new ChatOptions { MaxOutputTokens = 4, AdditionalProperties = new() { [EmotionalStimulusChatClient.RequestKey] = "pos-social-cognitive-1" } };
        ChatMessage[] messages = [new(ChatRole.User, "Name a colour.")];

        // Act
        var text = streaming
            ? (await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()).Text
            : (await client.GetResponseAsync(messages, options)).Text;

        // Assert: without the middleware the same request is rejected.
        Assert.NotNull(text);
        await Assert.ThrowsAsync<ArgumentException>(() => strict.GetResponseAsync(messages, options));
        Assert.Equal("Name a colour.", messages[0].Text);
    }
}
