using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Support;

/// <summary>
/// Two-stage emotional support: predict a strategy (<see cref="SupportStrategyPlanner"/>), then respond with it
/// (<see cref="SupportResponder"/>), recording the choice in a <see cref="StrategyLog"/>. Thread-safe when its parts are.
/// </summary>
public sealed class SupportConversation
{
    private readonly SupportStrategyPlanner _planner;
    private readonly SupportResponder _responder;

    /// <summary>Creates the two-stage responder.</summary>
    /// <param name="planner">Predicts the strategy.</param>
    /// <param name="responder">Writes the reply.</param>
    /// <param name="log">Records each chosen strategy. Default: a new log over the planner's strategies.</param>
    public SupportConversation(SupportStrategyPlanner planner, SupportResponder responder, StrategyLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(responder);
        _planner = planner;
        _responder = responder;
        Log = log ?? new StrategyLog(planner.Strategies);
    }

    /// <summary>Gets the log of chosen strategies.</summary>
    public StrategyLog Log { get; }

    /// <summary>Predicts the strategy of the supporter's next turn, records it, then writes the turn with it.</summary>
    /// <param name="conversation">The conversation so far, ending with the seeker's (user) message.</param>
    /// <param name="referenceStrategy">The reference (gold) strategy when known, for example in an evaluation; recorded next to the prediction for the preference figures. Default none.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The reply: the predicted strategy, its definition and the text written with it.</returns>
    /// <exception cref="ArgumentException">The conversation is empty or does not end with the seeker's message, or the reference strategy is unknown.</exception>
    public async Task<SupportReply> RespondAsync(IReadOnlyList<ChatMessage> conversation, string? referenceStrategy = null, CancellationToken cancellationToken = default)
    {
        var strategy = await PredictAsync(conversation, referenceStrategy, cancellationToken).ConfigureAwait(false);
        return await RespondWithAsync(conversation, strategy.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Predicts the strategy of the supporter's next turn and records it (stage one alone).</summary>
    /// <param name="conversation">The conversation so far, ending with the seeker's (user) message.</param>
    /// <param name="referenceStrategy">The reference (gold) strategy when known; recorded next to the prediction. Default none.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The strategy and its definition.</returns>
    /// <exception cref="ArgumentException">The conversation is empty or does not end with the seeker's message, or the reference strategy is unknown.</exception>
    public async Task<SupportStrategy> PredictAsync(IReadOnlyList<ChatMessage> conversation, string? referenceStrategy = null, CancellationToken cancellationToken = default)
    {
        if (referenceStrategy is not null)
        {
            Log.Strategies.Get(referenceStrategy, nameof(referenceStrategy));
        }

        var strategy = await _planner.PredictAsync(conversation, cancellationToken).ConfigureAwait(false);
        Log.Record(strategy.Name, referenceStrategy);
        return strategy;
    }

    /// <summary>Writes the supporter's next turn with a strategy the caller chose (stage two alone; nothing is recorded).</summary>
    /// <param name="conversation">The conversation so far, ending with the seeker's (user) message.</param>
    /// <param name="strategy">The strategy name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The strategy, its definition and the reply text.</returns>
    /// <exception cref="ArgumentException">The conversation is malformed or the strategy is unknown.</exception>
    public Task<SupportReply> RespondWithAsync(IReadOnlyList<ChatMessage> conversation, string strategy, CancellationToken cancellationToken = default) =>
        _responder.RespondAsync(conversation, strategy, cancellationToken);
}
