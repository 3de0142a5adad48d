using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Agents.Core.Prompts;
using Microsoft.Extensions.AI;
using Plugins.Affect.Emotions;
using Plugins.Affect.Support;
using Plugins.Affect.Text;

namespace Agents.Core.Empathy;

/// <summary>
/// Middleware that makes a chat client answer with empathy: before each call it reads the user's last message offline
/// (VADER tone and, optionally, the emotion classifier), asks the support-strategy planner for the ESConv strategy of
/// the reply, and adds that reading as a system message (<c>Prompts/Agents/empathy-context.md</c>) just before the
/// user's message. The reading travels back in the response's <see cref="ChatResponse.AdditionalProperties"/> (and the
/// first streamed update's) under <see cref="ReadingKey"/>. Add it with <c>UseEmpathy()</c>.
/// </summary>
public sealed class EmpathyChatClient : DelegatingChatClient
{
    /// <summary>The additional-properties key of the <see cref="AffectReading"/>.</summary>
    public const string ReadingKey = "affect_reading";

    private static readonly string Template = AgentPrompt.Text("empathy-context");

    private readonly ITextSentimentAnalyzer _sentiment;
    private readonly SupportStrategyPlanner _planner;
    private readonly EmotionClassifier? _emotions;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client that answers.</param>
    /// <param name="sentiment">Scores the tone offline (VADER).</param>
    /// <param name="planner">Chooses the support strategy (it should call the model directly, not this client).</param>
    /// <param name="emotions">Classifies the emotions (a model call per turn); null to skip.</param>
    public EmpathyChatClient(IChatClient innerClient, ITextSentimentAnalyzer sentiment, SupportStrategyPlanner planner, EmotionClassifier? emotions = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(sentiment);
        ArgumentNullException.ThrowIfNull(planner);
        _sentiment = sentiment;
        _planner = planner;
        _emotions = emotions;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (prepared, reading) = await PrepareAsync(messages, cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(prepared, options, cancellationToken).ConfigureAwait(false);
        if (reading is not null)
        {
            (response.AdditionalProperties ??= [])[ReadingKey] = reading;
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (prepared, reading) = await PrepareAsync(messages, cancellationToken).ConfigureAwait(false);
        var first = true;
        await foreach (var update in base.GetStreamingResponseAsync(prepared, options, cancellationToken).ConfigureAwait(false))
        {
            if (first && reading is not null)
            {
                (update.AdditionalProperties ??= [])[ReadingKey] = reading;
            }

            first = false;
            yield return update;
        }
    }

    /// <summary>Reads the last user message and chooses the strategy; null when the conversation has no user text.</summary>
    /// <param name="conversation">The conversation so far.</param>
    /// <param name="cancellationToken">Cancels the model calls.</param>
    /// <returns>The reading.</returns>
    public async Task<AffectReading?> ReadAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var text = conversation.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var scores = _sentiment.Analyze(text);
        var tone = scores.Compound >= 0.05 ? "positive" : scores.Compound <= -0.05 ? "negative" : "neutral";
        IReadOnlyList<string> emotions = _emotions is null ? [] : (await _emotions.ClassifyAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false)).Emotions;
        var strategy = await _planner.PredictAsync(conversation, cancellationToken).ConfigureAwait(false);
        return new AffectReading(tone, scores.Compound, emotions, strategy);
    }

    /// <summary>The system message a reading becomes.</summary>
    /// <param name="reading">The reading.</param>
    /// <returns>The message text.</returns>
    public static string Describe(AffectReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return Template
            .Replace("{tone}", reading.Tone, StringComparison.Ordinal)
            .Replace("{compound}", reading.Compound.ToString("0.00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{emotions}", reading.Emotions.Count == 0 ? "none found" : string.Join(", ", reading.Emotions), StringComparison.Ordinal)
            .Replace("{strategy}", reading.Strategy.Name, StringComparison.Ordinal)
            .Replace("{definition}", reading.Strategy.Definition, StringComparison.Ordinal)
            .Trim();
    }

    private async Task<(IReadOnlyList<ChatMessage> Messages, AffectReading? Reading)> PrepareAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var reading = await ReadAsync(list, cancellationToken).ConfigureAwait(false);
        if (reading is null)
        {
            return (list, null);
        }

        var last = list.FindLastIndex(m => m.Role == ChatRole.User);
        list.Insert(last, new ChatMessage(ChatRole.System, Describe(reading)));
        return (list, reading);
    }
}
