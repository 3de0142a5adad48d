using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Plugins.Affect.Support;

/// <summary>
/// Predicts the support strategy of the supporter's next turn (the first stage of ESConv-style support): one request whose
/// output is constrained by <see cref="ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonElement, string?, string?)"/>
/// to <c>{"strategy": one of the names}</c>, parsed strictly by <see cref="SupportStrategyParser"/>. The prompt
/// (<c>Prompts/Affect/Support/planner.md</c>) lists the strategies (with definitions unless
/// <see cref="SupportOptions.PlannerIncludesDefinitions"/> is off) and the recent conversation. Thread-safe when the client is.
/// </summary>
public sealed partial class SupportStrategyPlanner
{
    private readonly IChatClient _client;
    private readonly SupportOptions _options;
    private readonly ILogger _logger;
    private readonly ChatResponseFormat _format;

    /// <summary>Creates the planner.</summary>
    /// <param name="client">The chat client (it should enforce JSON schemas, as the local client does by constrained decoding).</param>
    /// <param name="options">The options; validated now. Default: new options.</param>
    /// <param name="logger">Logs each prediction at Debug.</param>
    public SupportStrategyPlanner(IChatClient client, SupportOptions? options = null, ILogger<SupportStrategyPlanner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new SupportOptions();
        _options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _format = ChatResponseFormat.ForJsonSchema(SupportStrategyParser.Schema(_options.Strategies), "support_strategy", "The support strategy of the supporter's next turn.");
    }

    /// <summary>Gets the strategies this planner chooses from.</summary>
    public SupportStrategySet Strategies => _options.Strategies;

    /// <summary>Predicts the strategy of the supporter's next turn.</summary>
    /// <param name="conversation">The conversation so far: user messages are the seeker's, assistant messages the supporter's; it must end with the seeker's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The predicted strategy (a member of <see cref="Strategies"/>).</returns>
    /// <exception cref="ArgumentException">The conversation is empty or does not end with the seeker's message.</exception>
    /// <exception cref="FormatException">The model's answer is not <c>{"strategy": name}</c> with a known name (a client that does not enforce the schema).</exception>
    public async Task<SupportStrategy> PredictAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken = default)
    {
        var turns = SupportPrompt.Recent(conversation, _options.MaxHistoryMessages, nameof(conversation));
        var list = _options.PlannerIncludesDefinitions
            ? string.Join("\n", _options.Strategies.All.Select(s => $"- {s.Name}: {s.Definition}"))
            : string.Join(", ", _options.Strategies.Names);
        var prompt = SupportPrompt.Fill(SupportPrompt.Template(SupportPrompt.Planner), ("strategies", list), ("conversation", SupportPrompt.Transcript(turns)));
        var options = new ChatOptions { ResponseFormat = _format, MaxOutputTokens = _options.PlannerMaxOutputTokens };
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
        var strategy = SupportStrategyParser.Parse(response.Text, _options.Strategies);
        LogPredicted(_logger, strategy.Name, turns.Count);
        return strategy;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Support strategy predicted: {Strategy} (from {Turns} turn(s))")]
    private static partial void LogPredicted(ILogger logger, string strategy, int turns);
}
