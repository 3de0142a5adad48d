using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Evaluation;

/// <summary>
/// Passes requests through and remembers the largest <c>visual_tokens_kept</c> a response reported (the local
/// chat client sets it; other clients do not, and then <see cref="Kept"/> stays null). Never disposes the inner
/// client: the sweep shares it.
/// </summary>
internal sealed class VisualTokenMeter(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    private int _kept = -1;

    /// <summary>The largest count of visual tokens kept a response reported since <see cref="Reset"/>, or null when none did.</summary>
    public int? Kept => Volatile.Read(ref _kept) is var k and >= 0 ? k : null;

    public void Reset() => Volatile.Write(ref _kept, -1);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Record(response.AdditionalProperties);
        foreach (var message in response.Messages)
        {
            Record(message.AdditionalProperties);
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            Record(update.AdditionalProperties);
            yield return update;
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The inner client is shared by the whole sweep: not disposed here.
    }

    private void Record(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue("visual_tokens_kept", out var value) || value is null)
        {
            return;
        }

        int? kept = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
            IConvertible c => c.ToInt32(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (kept is not { } k || k <= 0)
        {
            return;
        }

        int seen;
        do
        {
            seen = Volatile.Read(ref _kept);
            if (k <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _kept, k, seen) != seen);
    }
}
