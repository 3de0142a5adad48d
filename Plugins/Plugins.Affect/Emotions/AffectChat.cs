using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Emotions;

/// <summary>One constrained question to a chat model: the caller's options cloned, the JSON schema set as the response format.</summary>
internal static class AffectChat
{
    /// <summary>
    /// A copy of <paramref name="requested"/> (never the caller's instance) with <c>ResponseFormat</c> = the schema,
    /// and <c>Temperature</c> 0 and <c>MaxOutputTokens</c> where the caller left them unset.
    /// </summary>
    public static ChatOptions Options(ChatOptions? requested, JsonElement schema, string schemaName, string description, int maxOutputTokens)
    {
        var options = requested?.Clone() ?? new ChatOptions();
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, schemaName, description);
        options.Temperature ??= 0f;
        options.MaxOutputTokens ??= maxOutputTokens;
        return options;
    }

    /// <summary>Sends one user message and returns the answer's text.</summary>
    public static async Task<string> AskAsync(IChatClient client, ChatMessage message, ChatOptions options, CancellationToken cancellationToken)
    {
        var response = await client.GetResponseAsync([message], options, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }
}
