using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Tests.Emotions;

/// <summary>A chat client that answers from a callback (given the call's index, messages and options) and records each call.</summary>
internal sealed class FakeChatClient(Func<int, IReadOnlyList<ChatMessage>, ChatOptions?, string> answer) : IChatClient
{
    public FakeChatClient(params string[] answers)
        : this((i, _, _) => answers[Math.Min(i, answers.Length - 1)])
    {
    }

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var index = Calls.Count;
        Calls.Add((list, options));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(index, list, options))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>The prompt text of call <paramref name="index"/>.</summary>
    public string Prompt(int index) => string.Concat(Calls[index].Messages.SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));

    /// <summary>The JSON schema of call <paramref name="index"/>'s response format.</summary>
    public ChatResponseFormatJson Format(int index) => Assert.IsType<ChatResponseFormatJson>(Calls[index].Options!.ResponseFormat);
}
