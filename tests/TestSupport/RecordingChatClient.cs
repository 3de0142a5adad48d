using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.TestSupport;

/// <summary>
/// A hand-written chat client for plugin tests: answers each call from a callback (given the call's index, messages
/// and options, or a list of canned answers, the last repeating) and records every call. Not thread-safe.
/// </summary>
public sealed class RecordingChatClient(Func<int, IReadOnlyList<ChatMessage>, ChatOptions?, string> answer) : IChatClient
{
    /// <summary>Answers the calls with <paramref name="answers"/> in order; the last one repeats.</summary>
    public RecordingChatClient(params string[] answers)
        : this((i, _, _) => answers[Math.Min(i, answers.Length - 1)])
    {
    }

    /// <summary>Gets each call: the messages as passed (the caller's instance), as a list, and the options.</summary>
    public List<(IEnumerable<ChatMessage> Passed, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    /// <summary>Gets or sets whether streaming yields the answer as two text updates (its halves) instead of one.</summary>
    public bool StreamInHalves { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var index = Calls.Count;
        Calls.Add((messages, list, options));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(index, list, options))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        if (StreamInHalves)
        {
            var text = response.Text;
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[..(text.Length / 2)]);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[(text.Length / 2)..]);
            yield break;
        }

        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>The text of every message of call <paramref name="index"/>, concatenated.</summary>
    public string Prompt(int index) => string.Concat(Calls[index].Messages.SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));

    /// <summary>The text of the last message of call <paramref name="index"/>.</summary>
    public string LastText(int index) => Calls[index].Messages[^1].Text;

    /// <summary>The one image of call <paramref name="index"/>.</summary>
    public DataContent Image(int index) => Calls[index].Messages.SelectMany(m => m.Contents).OfType<DataContent>().Single();

    /// <summary>The JSON response format of call <paramref name="index"/>.</summary>
    public ChatResponseFormatJson Format(int index) => Assert.IsType<ChatResponseFormatJson>(Calls[index].Options!.ResponseFormat);
}
