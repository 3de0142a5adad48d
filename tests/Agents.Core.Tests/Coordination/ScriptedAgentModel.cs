using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Core.Tests.Coordination;

/// <summary>
/// A hand-written model for one agent: answers each call from a callback given the call's index and options, and
/// records the names of the tools every call offered. Thread-safe.
/// </summary>
internal sealed class ScriptedAgentModel(Func<int, ChatOptions?, IReadOnlyList<ChatMessage>, ChatMessage> answer) : IChatClient
{
    private int _calls;

    public ConcurrentQueue<IReadOnlyList<string>> ToolsPerCall { get; } = new();

    public ConcurrentQueue<IReadOnlyList<ChatMessage>> MessagesPerCall { get; } = new();

    public ConcurrentQueue<ChatToolMode?> ToolModePerCall { get; } = new();

    public ConcurrentQueue<string?> InstructionsPerCall { get; } = new();

    /// <summary>Answers with a call to the first offered tool whose name or description contains <paramref name="fragment"/>.</summary>
    public static ChatMessage CallToolContaining(ChatOptions? options, string fragment, Dictionary<string, object?>? arguments = null)
    {
        var tool = options?.Tools?.FirstOrDefault(t => t.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase) || (t.Description ?? string.Empty).Contains(fragment, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"no offered tool mentions '{fragment}': {string.Join(", ", options?.Tools?.Select(t => $"{t.Name} ({t.Description})") ?? [])}");
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call-{Guid.NewGuid():N}", tool.Name, arguments ?? [])]);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        ToolsPerCall.Enqueue([.. options?.Tools?.Select(t => t.Name) ?? []]);
        MessagesPerCall.Enqueue(list);
        ToolModePerCall.Enqueue(options?.ToolMode);
        InstructionsPerCall.Enqueue(options?.Instructions);
        var index = Interlocked.Increment(ref _calls) - 1;
        return Task.FromResult(new ChatResponse(answer(index, options, list)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
