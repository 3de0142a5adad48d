using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Support;

/// <summary>
/// Writes the supporter's next turn with a given strategy (the second stage): a system message from
/// <c>Prompts/Affect/Support/responder.md</c> that names the strategy and gives its definition, then the recent
/// conversation as chat messages; free text (<see cref="ChatResponseFormat.Text"/>). Thread-safe when the client is.
/// </summary>
public sealed class SupportResponder
{
    private readonly IChatClient _client;
    private readonly SupportOptions _options;

    /// <summary>Creates the responder.</summary>
    /// <param name="client">The chat client.</param>
    /// <param name="options">The options; validated now. Default: new options.</param>
    public SupportResponder(IChatClient client, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new SupportOptions();
        _options.Validate();
    }

    /// <summary>Gets the strategies this responder knows.</summary>
    public SupportStrategySet Strategies => _options.Strategies;

    /// <summary>Writes the supporter's next turn using <paramref name="strategy"/>.</summary>
    /// <param name="conversation">The conversation so far, ending with the seeker's (user) message.</param>
    /// <param name="strategy">A strategy name in <see cref="Strategies"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The reply: the strategy, its definition and the model's text (trimmed).</returns>
    /// <exception cref="ArgumentException">The strategy is unknown, or the conversation is empty or does not end with the seeker's message.</exception>
    public async Task<SupportReply> RespondAsync(IReadOnlyList<ChatMessage> conversation, string strategy, CancellationToken cancellationToken = default)
    {
        var chosen = _options.Strategies.Get(strategy, nameof(strategy));
        var turns = SupportPrompt.Recent(conversation, _options.MaxHistoryMessages, nameof(conversation));
        var system = SupportPrompt.Fill(SupportPrompt.Template(SupportPrompt.Responder), ("strategy", chosen.Name), ("definition", chosen.Definition));
        var messages = new List<ChatMessage> { new(ChatRole.System, system) };
        messages.AddRange(turns.Select(t => new ChatMessage(t.Role, t.Text)));
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.Text,
            MaxOutputTokens = _options.ResponderMaxOutputTokens,
            Temperature = _options.ResponderTemperature,
        };
        var response = await _client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return new SupportReply(chosen.Name, chosen.Definition, response.Text.Trim());
    }
}
