using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval.Reranking;

/// <summary>
/// Re-ranks a shortlist by the vision-language model's log-likelihood of each tool's name given the instruction and
/// its images (MLLM-Tool's setting: the model itself picks the tool, here scored instead of sampled). Name: <c>model</c>.
/// </summary>
/// <remarks>
/// <para>
/// The inner retriever (hybrid by default, see <see cref="ToolRetrievers"/>) shortlists
/// <c>max(ShortlistSize, topK)</c> tools. The prompt (<c>Prompts/Tools/model-rerank.md</c>: the instruction, the
/// shortlisted tools as <c>name: description</c> lines, "Answer with the tool name.") goes in one user message after the
/// query's images. For each candidate one request is sent, all concurrently (the local engine batches them), decoding
/// constrained to that name by the JSON schema <c>{"type":"string","const":name}</c>, with
/// <c>AdditionalProperties["logprobs"] = true</c>; the candidate's score is the response's <c>log_probability</c> (the
/// sum of ln p over the forced tokens, under the model's raw distribution), or its mean per token with
/// <see cref="ModelToolRetrieverOptions.MeanPerToken"/>. Equal scores keep shortlist order.
/// </para>
/// <para>
/// A client that returns no <c>log_probability</c> (a remote endpoint) gets, from then on, one request constrained to
/// <c>{"type":"string","enum":[names]}</c> instead: the chosen name first (score 0), the others in shortlist order
/// (scores -1, -2, ...). This is logged at Warning once per retriever. Every request also carries
/// <see cref="ModelToolRetrieverOptions.AdditionalProperties"/> (for example the pruning keys). Thread-safe.
/// </para>
/// </remarks>
public sealed partial class ModelToolRetriever : IToolRetriever
{
    private readonly IChatClient _chatClient;
    private readonly IToolRetriever _shortlister;
    private readonly ModelToolRetrieverOptions _options;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?>[] _extraProperties;
    private volatile bool _noLogProbabilities;

    /// <summary>Creates the re-ranker.</summary>
    /// <param name="chatClient">The model (not owned); it should honour <c>ResponseFormat</c> JSON schemas and, for scoring, <c>logprobs</c>.</param>
    /// <param name="shortlister">The retriever that proposes the candidates (for example <c>hybrid</c>).</param>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public ModelToolRetriever(IChatClient chatClient, IToolRetriever shortlister, ModelToolRetrieverOptions? options = null, ILogger<ModelToolRetriever>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(shortlister);
        _chatClient = chatClient;
        _shortlister = shortlister;
        _options = options ?? new ModelToolRetrieverOptions();
        _options.Validate();
        _extraProperties = _options.AdditionalProperties?.ToArray() ?? [];
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "model";

    /// <summary>Gets the retriever that proposes the shortlist.</summary>
    public IToolRetriever Shortlister => _shortlister;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var shortlist = await _shortlister.RetrieveAsync(catalog, query, Math.Max(_options.ShortlistSize, topK), cancellationToken).ConfigureAwait(false);
        if (shortlist.Count <= 1)
        {
            return shortlist.Take(topK).ToArray();
        }

        var tools = shortlist.Select(m => m.Tool).ToArray();
        var messages = new List<ChatMessage> { BuildMessage(query, tools) };
        double[]? scores = null;
        if (!_noLogProbabilities)
        {
            scores = await ScoreAsync(messages, tools, cancellationToken).ConfigureAwait(false);
            if (scores is null)
            {
                _noLogProbabilities = true;
                LogNoLogProbabilities(_logger, _chatClient.GetType().Name);
            }
        }

        scores ??= await ChooseAsync(messages, tools, cancellationToken).ConfigureAwait(false);
        return Enumerable.Range(0, tools.Length)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(topK)
            .Select(i => new ToolMatch(tools[i], scores[i]))
            .ToArray();
    }

    /// <summary>Reads a number from a response's additional property value (double, float, integer, decimal, string or JSON number).</summary>
    internal static bool TryReadDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case float f:
                result = f;
                return true;
            case int i:
                result = i;
                return true;
            case long l:
                result = l;
                return true;
            case decimal m:
                result = (double)m;
                return true;
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            case JsonElement { ValueKind: JsonValueKind.Number } e:
                result = e.GetDouble();
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static ChatMessage BuildMessage(ToolQuery query, IReadOnlyList<ToolDescriptor> tools)
    {
        var contents = new List<AIContent>(query.Images.Count + 1);
        contents.AddRange(query.Images);
        contents.Add(new TextContent(ModelRerankPrompt.Render(query.Instruction, tools)));
        return new ChatMessage(ChatRole.User, contents);
    }

    // One forced request per candidate; null when the client reports no log-probabilities.
    private async Task<double[]?> ScoreAsync(List<ChatMessage> messages, ToolDescriptor[] tools, CancellationToken cancellationToken)
    {
        var responses = await Task.WhenAll(tools.Select(tool => _chatClient.GetResponseAsync(
            messages,
            NewOptions(Schema(writer => writer.WriteString("const", tool.Name)), "tool_name"),
            cancellationToken))).ConfigureAwait(false);
        var scores = new double[tools.Length];
        for (var i = 0; i < tools.Length; i++)
        {
            if (!TryReadProperty(responses[i], "log_probability", out var logProbability) || !TryReadDouble(logProbability, out var sum))
            {
                return null;
            }

            scores[i] = _options.MeanPerToken ? sum / Math.Max(1, TokenCount(responses[i])) : sum;
        }

        return scores;
    }

    // The fallback: one request constrained to the names; the choice first, the rest in shortlist order.
    private async Task<double[]> ChooseAsync(List<ChatMessage> messages, ToolDescriptor[] tools, CancellationToken cancellationToken)
    {
        var schema = Schema(writer =>
        {
            writer.WriteStartArray("enum");
            foreach (var tool in tools)
            {
                writer.WriteStringValue(tool.Name);
            }

            writer.WriteEndArray();
        });
        var response = await _chatClient.GetResponseAsync(messages, NewOptions(schema, "tool_name"), cancellationToken).ConfigureAwait(false);
        var chosen = ParseName(response.Text);
        var chosenIndex = chosen is null ? -1 : Array.FindIndex(tools, t => string.Equals(t.Name, chosen, StringComparison.Ordinal));
        if (chosenIndex < 0)
        {
            LogUnparsedChoice(_logger, response.Text);
        }

        var scores = new double[tools.Length];
        var next = -1.0;
        for (var i = 0; i < tools.Length; i++)
        {
            scores[i] = i == chosenIndex ? 0 : next--;
        }

        return scores;
    }

    private ChatOptions NewOptions(JsonElement schema, string schemaName)
    {
        var properties = new AdditionalPropertiesDictionary();
        foreach (var (key, value) in _extraProperties)
        {
            properties[key] = value;
        }

        properties["logprobs"] = true;
        return new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, schemaName),
            MaxOutputTokens = _options.MaxOutputTokens,
            AdditionalProperties = properties,
        };
    }

    private static JsonElement Schema(Action<Utf8JsonWriter> writeConstraint)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "string");
            writeConstraint(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool TryReadProperty(ChatResponse response, string key, out object? value)
    {
        if (response.AdditionalProperties?.TryGetValue(key, out value) == true)
        {
            return true;
        }

        foreach (var message in response.Messages)
        {
            if (message.AdditionalProperties?.TryGetValue(key, out value) == true)
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    private static int TokenCount(ChatResponse response)
    {
        if (TryReadProperty(response, "token_log_probabilities", out var perToken))
        {
            switch (perToken)
            {
                case JsonElement { ValueKind: JsonValueKind.Array } array:
                    return array.GetArrayLength();
                case ICollection collection:
                    return collection.Count;
            }
        }

        return (int)Math.Min(int.MaxValue, response.Usage?.OutputTokenCount ?? 1);
    }

    private static string? ParseName(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat client {Client} returned no log_probability; the model retriever now asks for one choice among the shortlist per query (the chosen tool first, the rest in shortlist order).")]
    private static partial void LogNoLogProbabilities(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's choice '{Answer}' is not a shortlisted tool name; the shortlist order is kept.")]
    private static partial void LogUnparsedChoice(ILogger logger, string answer);
}
