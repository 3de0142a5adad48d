using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Tests.Stimuli;

/// <summary>A chat client that answers from a callback (call index, messages, options) and records each call; streaming splits the answer into two updates.</summary>
internal sealed class RecordingChatClient(Func<int, IReadOnlyList<ChatMessage>, ChatOptions?, string> answer) : IChatClient
{
    public RecordingChatClient(params string[] answers)
        : this((i, _, _) => answers[Math.Min(i, answers.Length - 1)])
    {
    }

    public List<(IEnumerable<ChatMessage> Passed, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

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
        var text = response.Text;
        var half = text.Length / 2;
        yield return new ChatResponseUpdate(ChatRole.Assistant, text[..half]);
        yield return new ChatResponseUpdate(ChatRole.Assistant, text[half..]);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>The text of the last message of call <paramref name="index"/>.</summary>
    public string LastText(int index) => Calls[index].Messages[^1].Text;
}
