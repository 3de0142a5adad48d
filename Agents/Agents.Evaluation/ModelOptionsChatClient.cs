using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Evaluation;

/// <summary>
/// Adds fixed <c>ChatOptions.AdditionalProperties</c> (e.g. <c>pruning_method</c>, <c>visual_token_budget</c>) to
/// every request, for consumers that build their own options (a retriever, a plugin): the caller's options are
/// cloned, never modified; these keys replace the caller's keys of the same name. Thread-safe when the inner
/// client is. Disposing it disposes the inner client (as every <see cref="DelegatingChatClient"/> does): do not
/// dispose it when the inner client is shared.
/// </summary>
public sealed class ModelOptionsChatClient : DelegatingChatClient
{
    private readonly KeyValuePair<string, object?>[] _properties;

    /// <summary>Creates the client.</summary>
    /// <param name="innerClient">The client requests go to.</param>
    /// <param name="properties">The keys to add; copied.</param>
    public ModelOptionsChatClient(IChatClient innerClient, IReadOnlyDictionary<string, object?> properties)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _properties = [.. properties];
    }

    /// <summary>Gets the keys added to every request.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties;

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, With(options), cancellationToken);

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, With(options), cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>Returns a clone of <paramref name="options"/> (or new options) with the keys added; the input as is when there are none.</summary>
    internal ChatOptions? With(ChatOptions? options)
    {
        if (_properties.Length == 0)
        {
            return options;
        }

        var clone = options?.Clone() ?? new ChatOptions();
        var properties = clone.AdditionalProperties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(clone.AdditionalProperties);
        foreach (var (key, value) in _properties)
        {
            properties[key] = value;
        }

        clone.AdditionalProperties = properties;
        return clone;
    }
}
