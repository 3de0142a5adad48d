using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

using LocalModel.Pruning;

namespace LocalModel.Chat;

/// <summary>
/// Per-request options of the local model that <see cref="ChatOptions"/> has no property for, passed in
/// <see cref="ChatOptions.AdditionalProperties"/> under their snake_case names (numbers, strings, booleans or
/// <see cref="JsonElement"/>s of those). Other keys are ignored by default, because other layers (Agent Framework,
/// Semantic Kernel's <c>ExtensionData</c>, an OpenAI-compatible HTTP front end) add keys of their own; the chat client
/// logs each at debug level, and <see cref="LocalVlmChatClientOptions.StrictRequestSettings"/> makes them an error.
/// A known key with a bad value is always an error.
/// </summary>
public sealed partial class LocalVlmRequestSettings
{
    /// <summary>The key of <see cref="TopK"/>.</summary>
    public const string TopKKey = "top_k";

    /// <summary>The key of <see cref="RepetitionPenalty"/>.</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    /// <summary>The key of <see cref="PruningMethod"/>.</summary>
    public const string PruningMethodKey = "pruning_method";

    /// <summary>The key of <see cref="VisualTokenBudget"/>.</summary>
    public const string VisualTokenBudgetKey = "visual_token_budget";

    /// <summary>The key of <see cref="KeepPositions"/>.</summary>
    public const string KeepPositionsKey = "keep_positions";

    /// <summary>The key of <see cref="LogProbabilities"/>.</summary>
    public const string LogProbabilitiesKey = "logprobs";

    /// <summary>Gets the keys this class reads.</summary>
    public static IReadOnlyList<string> Keys { get; } = new[] { TopKKey, RepetitionPenaltyKey, PruningMethodKey, VisualTokenBudgetKey, KeepPositionsKey, LogProbabilitiesKey };

    /// <summary>Gets or sets how many most likely tokens are sampled from (0 = no limit); same as <see cref="ChatOptions.TopK"/>.</summary>
    [JsonPropertyName(TopKKey)]
    public int? TopK { get; set; }

    /// <summary>Gets or sets the repetition penalty (1 = off; HF/CTRL semantics).</summary>
    [JsonPropertyName(RepetitionPenaltyKey)]
    public float? RepetitionPenalty { get; set; }

    /// <summary>
    /// Gets or sets the visual-token pruning method by name: <c>none</c> (keep every token), or a selector registered in
    /// <see cref="LocalVlmChatClientOptions.VisualTokenSelectors"/>.
    /// </summary>
    [JsonPropertyName(PruningMethodKey)]
    public string? PruningMethod { get; set; }

    /// <summary>Gets or sets how many visual tokens of each image the pruning method keeps: a count or a percentage.</summary>
    [JsonPropertyName(VisualTokenBudgetKey)]
    public VisualTokenBudget? VisualTokenBudget { get; set; }

    /// <summary>
    /// Gets or sets whether kept visual tokens keep their original positions (gaps) instead of being re-indexed.
    /// Only <see langword="false"/> (re-index, what the engine does) is supported yet; <see langword="true"/> fails.
    /// </summary>
    [JsonPropertyName(KeepPositionsKey)]
    public bool? KeepPositions { get; set; }

    /// <summary>
    /// Gets or sets whether the response reports the log-likelihood of what was generated: the last update's (and the
    /// response's) <c>AdditionalProperties</c> then carry <c>log_probability</c> (the sum of ln p(token | prefix) over
    /// the generated tokens, under the model's raw distribution: before penalties, the constraint mask and
    /// temperature) and <c>token_log_probabilities</c> (one value per generated token). Scores a constrained answer,
    /// e.g. for log-likelihood re-ranking. Default false.
    /// </summary>
    [JsonPropertyName(LogProbabilitiesKey)]
    public bool? LogProbabilities { get; set; }

    /// <summary>
    /// Reads the settings from <paramref name="properties"/> (typically <see cref="ChatOptions.AdditionalProperties"/>),
    /// ignoring keys this class does not read.
    /// </summary>
    /// <param name="properties">The properties; null gives empty settings.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">A known key has an invalid value; the message names the key, the value and what was expected.</exception>
    public static LocalVlmRequestSettings FromAdditionalProperties(AdditionalPropertiesDictionary? properties) =>
        FromAdditionalProperties(properties, strict: false);

    /// <summary>Reads the settings from <paramref name="properties"/> (typically <see cref="ChatOptions.AdditionalProperties"/>).</summary>
    /// <param name="properties">The properties; null gives empty settings.</param>
    /// <param name="strict">Whether a key this class does not read is an error; when false it is ignored (and logged at debug level).</param>
    /// <param name="logger">Where ignored keys are logged; null for nowhere.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">A key is unknown while <paramref name="strict"/>, or a known key has an invalid value; the message names the key and the keys allowed.</exception>
    public static LocalVlmRequestSettings FromAdditionalProperties(AdditionalPropertiesDictionary? properties, bool strict, ILogger? logger = null)
    {
        var settings = new LocalVlmRequestSettings();
        if (properties is null)
        {
            return settings;
        }

        CheckUnknownKeys(properties, strict, logger);

        foreach (var (key, value) in properties)
        {
            switch (key)
            {
                case TopKKey:
                    var topK = ReadInt(key, value);
                    settings.TopK = topK >= 0 ? topK : throw Invalid(key, value, "a token count >= 0 (0 = no limit)");
                    break;
                case RepetitionPenaltyKey:
                    var penalty = ReadFloat(key, value);
                    settings.RepetitionPenalty = penalty > 0 && float.IsFinite(penalty) ? penalty : throw Invalid(key, value, "a positive number (1 = off)");
                    break;
                case PruningMethodKey:
                    var method = ReadString(key, value);
                    settings.PruningMethod = !string.IsNullOrWhiteSpace(method) ? method.Trim() : throw Invalid(key, value, "a method name such as \"none\"");
                    break;
                case VisualTokenBudgetKey:
                    settings.VisualTokenBudget = ReadBudget(key, value);
                    break;
                case KeepPositionsKey:
                    settings.KeepPositions = ReadBool(key, value);
                    break;
                case LogProbabilitiesKey:
                    settings.LogProbabilities = ReadBool(key, value);
                    break;
                default:
                    // Unknown keys were reported (or rejected) by CheckUnknownKeys.
                    break;
            }
        }

        return settings;
    }

    /// <summary>
    /// Rejects (when <paramref name="strict"/>) or logs at debug level the keys of <paramref name="properties"/> this
    /// class does not read. The chat client calls it once per request, before the request is mapped.
    /// </summary>
    /// <exception cref="ArgumentException">A key is unknown while <paramref name="strict"/>.</exception>
    internal static void CheckUnknownKeys(AdditionalPropertiesDictionary? properties, bool strict, ILogger? logger)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var key in properties.Keys)
        {
            if (IsKnown(key))
            {
                continue;
            }

            if (strict)
            {
                throw new ArgumentException($"ChatOptions.AdditionalProperties has the unknown key '{key}' and LocalVlmChatClientOptions.StrictRequestSettings is on; this client reads {string.Join(", ", Keys)}.", nameof(properties));
            }

            if (logger is not null)
            {
                LogIgnoredKey(logger, key, string.Join(", ", Keys));
            }
        }
    }

    private static bool IsKnown(string key) => key is TopKKey or RepetitionPenaltyKey or PruningMethodKey or VisualTokenBudgetKey or KeepPositionsKey or LogProbabilitiesKey;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring ChatOptions.AdditionalProperties key '{Key}': this client reads {KnownKeys} (set StrictRequestSettings to reject unknown keys)")]
    private static partial void LogIgnoredKey(ILogger logger, string key, string knownKeys);

    /// <summary>Writes the settings that are set into a new dictionary for <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    /// <returns>The properties.</returns>
    public AdditionalPropertiesDictionary ToAdditionalProperties()
    {
        var properties = new AdditionalPropertiesDictionary();
        if (TopK is { } topK)
        {
            properties[TopKKey] = topK;
        }

        if (RepetitionPenalty is { } penalty)
        {
            properties[RepetitionPenaltyKey] = penalty;
        }

        if (PruningMethod is { } method)
        {
            properties[PruningMethodKey] = method;
        }

        if (VisualTokenBudget is { } budget)
        {
            properties[VisualTokenBudgetKey] = budget.ToString();
        }

        if (KeepPositions is { } keep)
        {
            properties[KeepPositionsKey] = keep;
        }

        if (LogProbabilities is { } logProbabilities)
        {
            properties[LogProbabilitiesKey] = logProbabilities;
        }

        return properties;
    }

    private static int ReadInt(string key, object? value)
    {
        switch (value)
        {
            case int i:
                return i;
            case long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal:
                return AsInt(key, value, Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var number):
                return AsInt(key, value, number);
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return ReadInt(key, e.GetString());
            default:
                throw Invalid(key, value, "an integer");
        }
    }

    private static int AsInt(string key, object? value, double number) =>
        double.IsFinite(number) && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw Invalid(key, value, "an integer");

    private static float ReadFloat(string key, object? value)
    {
        switch (value)
        {
            case float f:
                return f;
            case double or decimal or int or long or short or byte:
                return Convert.ToSingle(value, CultureInfo.InvariantCulture);
            case string s when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonElement { ValueKind: JsonValueKind.Number } e:
                return e.GetSingle();
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return ReadFloat(key, e.GetString());
            default:
                throw Invalid(key, value, "a number");
        }
    }

    private static string ReadString(string key, object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => throw Invalid(key, value, "a string"),
    };

    private static bool ReadBool(string key, object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.String } e => ReadBool(key, e.GetString()),
        _ => throw Invalid(key, value, "true or false"),
    };

    private static VisualTokenBudget ReadBudget(string key, object? value)
    {
        const string Expected = VisualTokenBudget.AcceptedForms;
        switch (value)
        {
            case VisualTokenBudget budget:
                return budget;
            case string s:
                return VisualTokenBudget.TryParse(s, out var parsed) ? parsed : throw Invalid(key, value, Expected);
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return ReadBudget(key, e.GetString());
            case JsonElement { ValueKind: JsonValueKind.Number } or int or long or short or double or float or decimal:
                var count = ReadInt(key, value);
                return count > 0 ? VisualTokenBudget.FromCount(count) : throw Invalid(key, value, Expected);
            default:
                throw Invalid(key, value, Expected);
        }
    }

    private static ArgumentException Invalid(string key, object? value, string expected)
    {
        var shown = value switch
        {
            null => "null",
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return new ArgumentException($"ChatOptions.AdditionalProperties['{key}'] is {shown} ({value?.GetType().Name ?? "null"}); expected {expected}. The keys this client reads are {string.Join(", ", Keys)}.", "options");
    }
}
