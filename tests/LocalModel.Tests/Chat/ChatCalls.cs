using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace LocalModel.Tests.Chat;

/// <summary>Runs a chat request through the non-streaming or the streaming path, so tests cover both.</summary>
internal static class ChatCalls
{
    public static async Task<ChatResponse> GetAsync(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming, CancellationToken cancellationToken = default)
    {
        if (!streaming)
        {
            return await client.GetResponseAsync(messages, options, cancellationToken);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }
}
