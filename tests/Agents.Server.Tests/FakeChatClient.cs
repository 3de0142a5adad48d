using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests;

/// <summary>
/// A hand-written chat client for the server's HTTP tests: each call runs <see cref="Answer"/> (which may wait, throw
/// or return any response) and is recorded. Streaming yields the response's updates, or fails after
/// <see cref="StreamFailsAfter"/> of them. Thread-safe.
/// </summary>
internal sealed class FakeChatClient : IChatClient
{
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> Answer { get; set; } =
        (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hello there.")) { FinishReason = ChatFinishReason.Stop });

    /// <summary>Gets or sets after how many streamed updates the stream throws; null streams them all.</summary>
    public int? StreamFailsAfter { get; set; }

    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

    /// <summary>Gets a task that completes when the first call arrives.</summary>
    public Task FirstCall => _firstCall.Task;

    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An answer that waits until cancelled (the server's timeout or the client going away).</summary>
    public static async Task<ChatResponse> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Enqueue((list, options));
        _firstCall.TrySetResult();
        return Answer(list, options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        var index = 0;
        foreach (var update in response.ToChatResponseUpdates())
        {
            if (index++ == StreamFailsAfter)
            {
                throw new InvalidOperationException("The fake engine failed mid-stream.");
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
