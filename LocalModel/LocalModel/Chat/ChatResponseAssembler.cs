using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using System.Text.Json;
using System.Threading;
using LocalModel.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace LocalModel.Chat;

/// <summary>
/// Turns the engine's <see cref="GenerationUpdate"/>s into <see cref="ChatResponseUpdate"/>s: text as it becomes final
/// (held back from a <c>&lt;tool_call&gt;</c> marker on while tools are offered), and a last update with the parsed
/// tool calls, usage, finish reason and timing properties. Model output that is not a valid call of an offered tool
/// is returned as text and logged; a call is never invented.
/// </summary>
internal sealed partial class ChatResponseAssembler
{
    private readonly string _modelId;
    private readonly Func<string> _newCallId;
    private readonly ILogger _logger;

    public ChatResponseAssembler(string modelId, Func<string> newCallId, ILogger logger)
    {
        _modelId = modelId;
        _newCallId = newCallId;
        _logger = logger;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> AssembleAsync(
        IAsyncEnumerable<GenerationUpdate> updates,
        IReadOnlyList<ChatToolDescription> tools,
        bool allowMultipleToolCalls,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var responseId = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow;
        var splitter = tools.Count > 0 ? new ToolCallTextSplitter() : null;
        List<double>? logProbabilities = null;
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (update.LogProbability is { } logProbability)
            {
                (logProbabilities ??= []).Add(logProbability);
            }

            var text = splitter is null ? update.Text : splitter.Append(update.Text);
            if (update.FinishReason is not { } finish)
            {
                if (text.Length > 0)
                {
                    yield return NewUpdate(responseId, created, [new TextContent(text)]);
                }

                continue;
            }

            var contents = new List<AIContent>();
            var calls = 0;
            if (splitter is not null)
            {
                var (held, toolText) = splitter.Finish();
                text += held;
                if (toolText is not null)
                {
                    var parsed = ParseToolCalls(toolText, tools, allowMultipleToolCalls);
                    if (parsed is null)
                    {
                        text += toolText;
                    }
                    else
                    {
                        contents.AddRange(parsed);
                        calls = parsed.Count;
                    }
                }
            }

            if (text.Length > 0)
            {
                contents.Insert(0, new TextContent(text));
            }

            var usage = update.Usage ?? throw new InvalidOperationException("The engine's last update carries no usage.");
            var timings = update.Timings ?? throw new InvalidOperationException("The engine's last update carries no timings.");
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = usage.PromptTokens,
                OutputTokenCount = usage.CompletionTokens,
                TotalTokenCount = usage.PromptTokens + usage.CompletionTokens,
                AdditionalCounts = new AdditionalPropertiesDictionary<long>
                {
                    [LocalVlmChatClient.VisualTokensTotalKey] = usage.VisualTokensTotal,
                    [LocalVlmChatClient.VisualTokensKeptKey] = usage.VisualTokensKept,
                },
            }));
            var last = NewUpdate(responseId, created, contents);
            last.FinishReason = calls > 0 ? ChatFinishReason.ToolCalls : finish switch
            {
                FinishReason.Length or FinishReason.ContextLength => ChatFinishReason.Length,
                _ => ChatFinishReason.Stop,
            };
            last.AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [LocalVlmChatClient.VisualTokensTotalKey] = usage.VisualTokensTotal,
                [LocalVlmChatClient.VisualTokensKeptKey] = usage.VisualTokensKept,
                [LocalVlmChatClient.TimeToFirstTokenKey] = timings.TimeToFirstTokenMs,
                [LocalVlmChatClient.PrefillKey] = timings.PrefillMs,
            };
            if (logProbabilities is not null)
            {
                var sum = 0.0;
                foreach (var value in logProbabilities)
                {
                    sum += value;
                }

                last.AdditionalProperties[LocalVlmChatClient.LogProbabilityKey] = sum;
                last.AdditionalProperties[LocalVlmChatClient.TokenLogProbabilitiesKey] = logProbabilities.ToArray();
            }

            yield return last;
        }
    }

    /// <summary>The tool calls in <paramref name="toolText"/>, or null (logged) when it is not a valid call of an offered tool.</summary>
    private List<AIContent>? ParseToolCalls(string toolText, IReadOnlyList<ChatToolDescription> tools, bool allowMultiple)
    {
        if (!ToolCalling.TryParse(toolText, out var calls, out var error))
        {
            // Output cut off inside a further call (the token limit): keep the complete calls before it, drop the
            // fragment. Nothing is invented: every call returned was generated whole.
            var lastClose = toolText.LastIndexOf(ToolPromptFormat.ToolCallEnd, StringComparison.Ordinal);
            var complete = lastClose < 0 ? null : toolText[..(lastClose + ToolPromptFormat.ToolCallEnd.Length)];
            if (complete is null || !toolText[complete.Length..].TrimStart().StartsWith(ToolPromptFormat.ToolCallStart, StringComparison.Ordinal) || !ToolCalling.TryParse(complete, out calls, out _))
            {
                LogUnusableToolCall(_logger, error ?? "unknown error", toolText.Length);
                return null;
            }

            LogTruncatedToolCallDropped(_logger, toolText.Length - complete.Length);
        }

        if (calls.Count == 0)
        {
            LogUnusableToolCall(_logger, "no tool call found", toolText.Length);
            return null;
        }

        var result = new List<AIContent>(calls.Count);
        foreach (var (name, arguments) in calls)
        {
            if (!ContainsTool(tools, name))
            {
                LogUnusableToolCall(_logger, $"the model called '{name}', which is not among the tools offered", toolText.Length);
                return null;
            }

            if (arguments.ValueKind != JsonValueKind.Object)
            {
                LogUnusableToolCall(_logger, $"the arguments of '{name}' are not a JSON object", toolText.Length);
                return null;
            }

            var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in arguments.EnumerateObject())
            {
                dictionary[property.Name] = ArgumentValue(property.Value);
            }

            result.Add(new FunctionCallContent(string.Empty, name, dictionary));
        }

        if (!allowMultiple && result.Count > 1)
        {
            LogExtraToolCallsDropped(_logger, result.Count - 1);
            result.RemoveRange(1, result.Count - 1);
        }

        // Ids only once the whole output is known to be usable.
        for (var i = 0; i < result.Count; i++)
        {
            var call = (FunctionCallContent)result[i];
            result[i] = new FunctionCallContent(_newCallId(), call.Name, call.Arguments);
        }

        return result;
    }

    /// <summary>
    /// A JSON argument as the value function hosts convert most reliably: strings, booleans and numbers as .NET values
    /// (Semantic Kernel's functions cannot convert a <see cref="JsonElement"/> to, for example, an enum), objects and
    /// arrays as <see cref="JsonElement"/>.
    /// </summary>
    private static object? ArgumentValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.Clone(),
    };

    private static bool ContainsTool(IReadOnlyList<ChatToolDescription> tools, string name)
    {
        foreach (var tool in tools)
        {
            if (tool.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private ChatResponseUpdate NewUpdate(string responseId, DateTimeOffset created, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = responseId,
        MessageId = responseId,
        CreatedAt = created,
        ModelId = _modelId,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The output ended inside a further tool call; its {Length} characters were dropped and the complete calls before it kept")]
    private static partial void LogTruncatedToolCallDropped(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's tool call could not be used ({Error}); its {Length} characters are returned as text")]
    private static partial void LogUnusableToolCall(ILogger logger, string error, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ChatOptions.AllowMultipleToolCalls is false: {Dropped} further tool call(s) of the model dropped")]
    private static partial void LogExtraToolCallsDropped(ILogger logger, int dropped);
}
