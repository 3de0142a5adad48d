using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Training.Tools;

/// <summary>
/// Records every request a consumer sends and answers each at once: a constrained const-string request with that
/// string (quoted, as the constrained decoder emits it) and <c>log_probability</c> 0, so <c>ModelToolRetriever</c> takes its
/// likelihood path; anything else with empty text. Thread-safe.
/// </summary>
internal sealed class CapturingChatClient : IChatClient
{
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>The requests so far, in arrival order.</summary>
    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Forgets the requests.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>The <c>const</c> of a request's JSON-schema response format, or null.</summary>
    public static string? ConstOf(ChatOptions? options) =>
        options?.ResponseFormat is ChatResponseFormatJson { Schema: { ValueKind: JsonValueKind.Object } schema }
        && schema.TryGetProperty("const", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToArray();
        lock (_gate)
        {
            _requests.Add((list, options));
        }

        var name = ConstOf(options);
        var text = name is null ? string.Empty : JsonSerializer.Serialize(name);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { ["log_probability"] = 0.0, ["token_log_probabilities"] = new[] { 0.0 } },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
