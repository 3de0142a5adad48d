using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Plugins.Affect.Stimuli;

/// <summary>
/// Middleware that appends an emotional stimulus (EmotionPrompt, Li et al. 2023; NegativePrompt, Wang et al. 2024)
/// after the task prompt: to the end of the last user message's last text content, joined as
/// <see cref="EmotionalStimulusOptions.Placement"/> says. Off by default. The caller's message list, messages and
/// options are never modified (the changed message and the options are clones); the response is never touched, so
/// text shown to end users is exactly what the model wrote. Per request, <c>ChatOptions.AdditionalProperties["emotional_stimulus"]</c>
/// (<see cref="RequestKey"/>) holds a stimulus id (applied to this request even when the options are disabled) or
/// <c>"none"</c> (nothing applied); the key is removed before the request goes on. Thread-safe.
/// </summary>
public sealed partial class EmotionalStimulusChatClient : DelegatingChatClient
{
    /// <summary>The per-request key in <see cref="ChatOptions.AdditionalProperties"/>: a stimulus id, or <c>"none"</c>.</summary>
    public const string RequestKey = "emotional_stimulus";

    private readonly EmotionalStimulusOptions _options;
    private readonly EmotionalStimulus _stimulus;
    private readonly ILogger _logger;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client that receives the (possibly changed) request.</param>
    /// <param name="options">The options; validated now. Default: new options (disabled).</param>
    /// <param name="logger">Logs, at Debug, which stimulus each request got.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public EmotionalStimulusChatClient(IChatClient innerClient, EmotionalStimulusOptions? options = null, ILogger<EmotionalStimulusChatClient>? logger = null)
        : base(innerClient)
    {
        _options = options ?? new EmotionalStimulusOptions();
        _stimulus = _options.Resolve();
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (sent, sentOptions) = Prepare(messages, options);
        return base.GetResponseAsync(sent, sentOptions, cancellationToken);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (sent, sentOptions) = Prepare(messages, options);
        await foreach (var update in base.GetStreamingResponseAsync(sent, sentOptions, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    private (IEnumerable<ChatMessage> Messages, ChatOptions? Options) Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (stimulus, sentOptions) = Choose(options);
        if (stimulus is null)
        {
            return (messages, sentOptions);
        }

        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (_options.ShouldApply is { } shouldApply && !shouldApply(list, options))
        {
            LogSkipped(_logger, stimulus.Id, "the ShouldApply predicate says this is not an internal task prompt");
            return (list, sentOptions);
        }

        var changed = StimulusText.AppendToLastUserMessage(list, stimulus, _options.Placement);
        if (changed is null)
        {
            LogSkipped(_logger, stimulus.Id, "no user message with text");
            return (list, sentOptions);
        }

        LogApplied(_logger, stimulus.Id, EmotionalStimulusSet.NameOf(stimulus.Theory));
        return (changed, sentOptions);
    }

    // The stimulus for this request (null: none) and the options to send on (a clone without RequestKey when it was given).
    private (EmotionalStimulus? Stimulus, ChatOptions? Options) Choose(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(RequestKey, out var value))
        {
            return (_options.Enabled ? _stimulus : null, options);
        }

        var id = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{RequestKey}\"] is '{value}'; give a stimulus id (for example '{_stimulus.Id}') or \"none\".", nameof(options));
        }

        var clone = options.Clone();
        clone.AdditionalProperties = properties.Clone();
        clone.AdditionalProperties.Remove(RequestKey);
        if (string.Equals(id, "none", StringComparison.OrdinalIgnoreCase))
        {
            return (null, clone);
        }

        var stimulus = _options.Stimuli.Find(id)
            ?? throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{RequestKey}\"] names the unknown stimulus '{id}'; known ids: {string.Join(", ", _options.Stimuli.All.Select(s => s.Id))}, or \"none\".", nameof(options));
        return (stimulus, clone);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emotional stimulus '{Id}' ({Theory}) appended to the last user message")]
    private static partial void LogApplied(ILogger logger, string id, string theory);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Emotional stimulus '{Id}' not applied: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string id, string reason);
}
