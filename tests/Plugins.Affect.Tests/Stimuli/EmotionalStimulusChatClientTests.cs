using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Affect.Stimuli;

namespace Plugins.Affect.Tests.Stimuli;

public sealed class EmotionalStimulusChatClientTests
{
    private const string SelfMonitoring1 = "Check your reasoning once more before you answer; the result will be used in a real decision.";
    private const string Comparison1 = "Other assistants got this right on their first attempt.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_DefaultOptions_PassesSameMessagesAndOptionsThrough(bool streaming)
    {
        // Arrange
        var inner = new RecordingChatClient("Four.") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus().Build();
        List<ChatMessage> messages = [new(ChatRole.User, "How many legs has a dog?")];
        var options = new ChatOptions { MaxOutputTokens = 8 };

        // Act
        var text = await AskAsync(client, messages, options, streaming);

        // Assert
        Assert.Equal("Four.", text);
        Assert.Same(messages, inner.Calls[0].Passed);
        Assert.Same(messages[0], inner.Calls[0].Messages[0]);
        Assert.Same(options, inner.Calls[0].Options);
        Assert.Equal("How many legs has a dog?", inner.LastText(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_Enabled_AppendsToLastTextOfLastUserMessageOnClones(bool streaming)
    {
        // Arrange
        var inner = new RecordingChatClient("Three dots.") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus(o => o.Enabled = true).Build();
        var system = new ChatMessage(ChatRole.System, "Be brief.");
        var first = new ChatMessage(ChatRole.User, "Hello.");
        var reply = new ChatMessage(ChatRole.Assistant, "Hi.");
        var image = new DataContent(new byte[] { 1, 2, 3 }, "image/png");
        var last = new ChatMessage(ChatRole.User, [new TextContent("Count the dots."), image, new TextContent("Answer with a number.\n")]);
        List<ChatMessage> messages = [system, first, reply, last];

        // Act
        var text = await AskAsync(client, messages, null, streaming);

        // Assert: the model saw the stimulus after the task prompt's last text ...
        var sent = inner.Calls[0].Messages;
        Assert.Equal(4, sent.Count);
        Assert.Same(system, sent[0]);
        Assert.Same(first, sent[1]);
        Assert.Same(reply, sent[2]);
        Assert.NotSame(last, sent[3]);
        Assert.Equal(3, sent[3].Contents.Count);
        Assert.Equal("Count the dots.", ((TextContent)sent[3].Contents[0]).Text);
        Assert.Same(image, sent[3].Contents[1]);
        Assert.Equal("Answer with a number. Check your reasoning once more before you answer; the result will be used in a real decision.", ((TextContent)sent[3].Contents[2]).Text);

        // ... the caller's list and messages are unchanged, and the response is exactly the model's text.
        Assert.Equal([system, first, reply, last], messages);
        Assert.Equal("Answer with a number.\n", ((TextContent)last.Contents[2]).Text);
        Assert.Equal(3, last.Contents.Count);
        Assert.Equal("Three dots.", text);
        Assert.DoesNotContain(SelfMonitoring1, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_NewLinePlacementById_AppendsOnNewLine(bool streaming)
    {
        var inner = new RecordingChatClient("chat") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner)
            .UseEmotionalStimulus(o => { o.Enabled = true; o.StimulusId = "neg-comparison-1"; o.Placement = StimulusPlacement.AppendOnNewLine; })
            .Build();

        await AskAsync(client, [new(ChatRole.User, "Translate 'cat' into French. ")], null, streaming);

        Assert.Equal("Translate 'cat' into French.\nOther assistants got this right on their first attempt.", inner.LastText(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_LastMessageIsAssistant_AppendsToLastUserMessage(bool streaming)
    {
        var inner = new RecordingChatClient("x") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus(o => o.Enabled = true).Build();
        var prefill = new ChatMessage(ChatRole.Assistant, "{\"answer\":");

        await AskAsync(client, [new(ChatRole.User, "Give the answer as JSON."), prefill], null, streaming);

        Assert.Equal("Give the answer as JSON. " + SelfMonitoring1, inner.Calls[0].Messages[0].Text);
        Assert.Same(prefill, inner.Calls[0].Messages[1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RequestSaysNone_LeavesPromptAndRemovesKeyFromAClone(bool streaming)
    {
        var inner = new RecordingChatClient("ok") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus(o => o.Enabled = true).Build();
        var options = new ChatOptions { AdditionalProperties = new() { [EmotionalStimulusChatClient.RequestKey] = "none", ["top_k"] = 3 } };

        await AskAsync(client, [new(ChatRole.User, "Name a colour.")], options, streaming);

        Assert.Equal("Name a colour.", inner.LastText(0));
        var sentOptions = inner.Calls[0].Options;
        Assert.NotNull(sentOptions);
        Assert.NotSame(options, sentOptions);
        Assert.False(sentOptions.AdditionalProperties!.ContainsKey(EmotionalStimulusChatClient.RequestKey));
        Assert.Equal(3, sentOptions.AdditionalProperties["top_k"]);
        Assert.Equal("none", options.AdditionalProperties[EmotionalStimulusChatClient.RequestKey]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_RequestNamesIdWhileDisabled_AppliesThatStimulus(bool streaming)
    {
        var inner = new RecordingChatClient("ok") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus().Build();
        var options = new ChatOptions { AdditionalProperties = new() { [EmotionalStimulusChatClient.RequestKey] = "neg-comparison-1" } };

        await AskAsync(client, [new(ChatRole.User, "Name a colour.")], options, streaming);

        Assert.Equal("Name a colour. " + Comparison1, inner.LastText(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_ModelEchoesStimulus_ResponseIsExactlyWhatTheModelWrote(bool streaming)
    {
        var echo = "You said: " + SelfMonitoring1;
        var inner = new RecordingChatClient(echo) { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus(o => o.Enabled = true).Build();

        var text = await AskAsync(client, [new(ChatRole.User, "Repeat me.")], null, streaming);

        Assert.Equal(echo, text);
    }

    [Fact]
    public async Task GetResponse_RequestKeyAsJsonElement_AppliesThatStimulus()
    {
        var inner = new RecordingChatClient("ok") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner).UseEmotionalStimulus().Build();
        var options = new ChatOptions { AdditionalProperties = new() { [EmotionalStimulusChatClient.RequestKey] = JsonSerializer.SerializeToElement("neg-comparison-1") } };

        await client.GetResponseAsync([new(ChatRole.User, "Name a colour.")], options);

        Assert.Equal("Name a colour. " + Comparison1, inner.LastText(0));
    }

    [Fact]
    public async Task GetResponse_RequestNamesUnknownId_ThrowsNamingKeyAndValue()
    {
        using var client = new ChatClientBuilder(new RecordingChatClient("ok")).UseEmotionalStimulus().Build();
        var options = new ChatOptions { AdditionalProperties = new() { [EmotionalStimulusChatClient.RequestKey] = "pos-42" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new(ChatRole.User, "Hi")], options));

        Assert.Contains("emotional_stimulus", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pos-42'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetResponse_PredicateRejects_PassesThroughUnchanged(bool streaming)
    {
        var inner = new RecordingChatClient("ok") { StreamInHalves = true };
        using var client = new ChatClientBuilder(inner)
            .UseEmotionalStimulus(o => { o.Enabled = true; o.ShouldApply = (messages, _) => messages.Any(m => m.Role == ChatRole.System && m.Text == "internal"); })
            .Build();

        await AskAsync(client, [new(ChatRole.System, "user-facing"), new(ChatRole.User, "Write a greeting.")], null, streaming);
        await AskAsync(client, [new(ChatRole.System, "internal"), new(ChatRole.User, "Write a greeting.")], null, streaming);

        Assert.Equal("Write a greeting.", inner.LastText(0));
        Assert.Equal("Write a greeting. " + SelfMonitoring1, inner.LastText(1));
    }

    [Fact]
    public async Task GetResponse_Enabled_LogsStimulusAtDebug()
    {
        var log = new RecordingLogger();
        using var client = new EmotionalStimulusChatClient(
            new RecordingChatClient("ok"), new EmotionalStimulusOptions { Enabled = true, Theory = StimulusTheory.StressAndCoping }, new Logger<EmotionalStimulusChatClient>(log));

        await client.GetResponseAsync([new(ChatRole.User, "Hi")]);

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("'neg-stress-1' (stress_and_coping)", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EmotionalStimulusChatClient(new RecordingChatClient("ok"), new EmotionalStimulusOptions { StimulusId = "nope" }));
    }

    private static async Task<string> AskAsync(IChatClient client, List<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        if (!streaming)
        {
            return (await client.GetResponseAsync(messages, options)).Text;
        }

        var text = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }
}
