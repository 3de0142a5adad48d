using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace Plugins.Affect.Support;

/// <summary>
/// The Semantic Kernel plugin for ESConv-style emotional support: <c>choose_support_strategy</c> (the strategy and its
/// definition), <c>respond_with_strategy</c> (a reply with a given strategy), <c>support_reply</c> (both stages) and
/// <c>strategy_statistics</c> (distribution, entropy, preference bias). The conversation is given as the seeker's latest
/// message plus an optional history, one turn per line prefixed <c>seeker:</c> or <c>supporter:</c>. Strategies chosen by
/// <c>choose_support_strategy</c> and <c>support_reply</c> are recorded in <see cref="Log"/>. Thread-safe when the client is.
/// </summary>
public sealed class EmotionalSupportPlugin
{
    private const string HistoryHelp = "Earlier turns, oldest first, one per line, each starting with 'seeker:' or 'supporter:'; empty when the message opens the conversation.";

    private readonly SupportConversation _conversation;

    /// <summary>Creates the plugin over the two-stage conversation, whose log records the chosen strategies.</summary>
    /// <param name="conversation">Predicts strategies (recorded in its <see cref="SupportConversation.Log"/>) and writes replies.</param>
    public EmotionalSupportPlugin(SupportConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        _conversation = conversation;
    }

    /// <summary>Gets the log of chosen strategies (the conversation's).</summary>
    public StrategyLog Log => _conversation.Log;

    /// <summary>Predicts the support strategy for the supporter's next turn and records it.</summary>
    /// <param name="message">The seeker's latest message.</param>
    /// <param name="history">Earlier turns (see the plugin's summary).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The strategy's name and definition.</returns>
    [KernelFunction("choose_support_strategy")]
    [Description("Chooses the emotional-support strategy (ESConv set: question, restatement_or_paraphrasing, reflection_of_feelings, self_disclosure, affirmation_and_reassurance, providing_suggestions, information, others) for the supporter's next turn. Returns the strategy name and its definition.")]
    public Task<SupportStrategy> ChooseSupportStrategyAsync(
        [Description("The seeker's latest message.")] string message,
        [Description(HistoryHelp)] string history = "",
        CancellationToken cancellationToken = default)
        => _conversation.PredictAsync(SupportPrompt.FromText(message, history), cancellationToken: cancellationToken);

    /// <summary>Writes the supporter's next turn with the given strategy.</summary>
    /// <param name="message">The seeker's latest message.</param>
    /// <param name="strategy">The strategy name.</param>
    /// <param name="history">Earlier turns (see the plugin's summary).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The strategy, its definition and the reply text.</returns>
    [KernelFunction("respond_with_strategy")]
    [Description("Writes a supportive reply to the seeker using the given strategy. Returns the strategy, its definition and the reply text.")]
    public Task<SupportReply> RespondWithStrategyAsync(
        [Description("The seeker's latest message.")] string message,
        [Description("The strategy name, one of: question, restatement_or_paraphrasing, reflection_of_feelings, self_disclosure, affirmation_and_reassurance, providing_suggestions, information, others.")] string strategy,
        [Description(HistoryHelp)] string history = "",
        CancellationToken cancellationToken = default) =>
        _conversation.RespondWithAsync(SupportPrompt.FromText(message, history), strategy, cancellationToken);

    /// <summary>Two stages: predicts the strategy (recorded), then writes the reply with it.</summary>
    /// <param name="message">The seeker's latest message.</param>
    /// <param name="history">Earlier turns (see the plugin's summary).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The chosen strategy, its definition and the reply text.</returns>
    [KernelFunction("support_reply")]
    [Description("Replies to the seeker in two stages: chooses the best support strategy, then writes the reply with it. Returns the strategy, its definition and the reply text.")]
    public Task<SupportReply> SupportReplyAsync(
        [Description("The seeker's latest message.")] string message,
        [Description(HistoryHelp)] string history = "",
        CancellationToken cancellationToken = default)
        => _conversation.RespondAsync(SupportPrompt.FromText(message, history), cancellationToken: cancellationToken);

    /// <summary>The figures of the strategies chosen so far.</summary>
    /// <returns>The distribution, entropy and (when references were recorded) accuracy, preferences and preference bias, with a note on which are available.</returns>
    [KernelFunction("strategy_statistics")]
    [Description("Reports the strategies chosen so far: count and proportion per strategy, Shannon entropy in bits (and normalised 0..1), and, when reference strategies were recorded, accuracy, Bradley-Terry preferences and the preference bias (Kang et al. 2024). A note says which figures are available.")]
    public StrategyStatistics StrategyStatistics() => Log.Statistics();
}
