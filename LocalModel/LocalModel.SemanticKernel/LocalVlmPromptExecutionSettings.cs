using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalModel.Chat;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using LocalModel.Pruning;

namespace LocalModel.SemanticKernel;

/// <summary>
/// Execution settings of the local vision-language model for Semantic Kernel, with snake_case JSON names (as in
/// prompt configuration files). Semantic Kernel's chat-client bridge turns them into <see cref="ChatOptions"/>:
/// <c>temperature</c>, <c>top_p</c>, <c>top_k</c>, <c>max_tokens</c>, <c>seed</c>, <c>stop_sequences</c> and
/// <c>response_format</c> become its properties; the model's own settings (<c>repetition_penalty</c>,
/// <c>pruning_method</c>, <c>visual_token_budget</c>, <c>keep_positions</c>, <c>logprobs</c>) travel in
/// <see cref="ChatOptions.AdditionalProperties"/> as <see cref="LocalVlmRequestSettings"/> reads them.
/// </summary>
public sealed class LocalVlmPromptExecutionSettings : PromptExecutionSettings
{
    private float? _temperature;
    private float? _topP;
    private int? _topK;
    private int? _maxTokens;
    private long? _seed;
    private IList<string>? _stopSequences;
    private object? _responseFormat;
    private float? _repetitionPenalty;
    private string? _pruningMethod;
    private VisualTokenBudget? _visualTokenBudget;
    private bool? _keepPositions;
    private bool? _logProbabilities;

    /// <summary>Gets or sets the temperature; 0 or null (default) is greedy.</summary>
    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? Temperature
    {
        get => _temperature;
        set
        {
            ThrowIfFrozen();
            _temperature = value;
        }
    }

    /// <summary>Gets or sets the nucleus mass; null (default) means no limit.</summary>
    [JsonPropertyName("top_p")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? TopP
    {
        get => _topP;
        set
        {
            ThrowIfFrozen();
            _topP = value;
        }
    }

    /// <summary>Gets or sets how many most likely tokens are sampled from; null (default) means no limit.</summary>
    [JsonPropertyName("top_k")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TopK
    {
        get => _topK;
        set
        {
            ThrowIfFrozen();
            _topK = value;
        }
    }

    /// <summary>Gets or sets the maximum number of tokens generated; null (default) uses the client's default.</summary>
    [JsonPropertyName("max_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxTokens
    {
        get => _maxTokens;
        set
        {
            ThrowIfFrozen();
            _maxTokens = value;
        }
    }

    /// <summary>Gets or sets the random seed (must fit in 32 bits); null (default) draws one per request.</summary>
    [JsonPropertyName("seed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Seed
    {
        get => _seed;
        set
        {
            ThrowIfFrozen();
            _seed = value;
        }
    }

    /// <summary>Gets or sets the stop sequences; null (default) for none.</summary>
    [JsonPropertyName("stop_sequences")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<string>? StopSequences
    {
        get => _stopSequences;
        set
        {
            ThrowIfFrozen();
            _stopSequences = value;
        }
    }

    /// <summary>
    /// Gets or sets the response format, as Semantic Kernel's bridge reads it: <c>"json_object"</c>, <c>"text"</c>, a JSON
    /// schema element, or a <see cref="ChatResponseFormat"/>. JSON formats constrain decoding. Null (default) is text.
    /// </summary>
    [JsonPropertyName("response_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? ResponseFormat
    {
        get => _responseFormat;
        set
        {
            ThrowIfFrozen();
            _responseFormat = value;
        }
    }

    /// <summary>Gets or sets the repetition penalty (1 = off); see <see cref="LocalVlmRequestSettings.RepetitionPenalty"/>.</summary>
    [JsonPropertyName(LocalVlmRequestSettings.RepetitionPenaltyKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? RepetitionPenalty
    {
        get => _repetitionPenalty;
        set
        {
            ThrowIfFrozen();
            _repetitionPenalty = value;
        }
    }

    /// <summary>Gets or sets the visual-token pruning method; see <see cref="LocalVlmRequestSettings.PruningMethod"/>.</summary>
    [JsonPropertyName(LocalVlmRequestSettings.PruningMethodKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PruningMethod
    {
        get => _pruningMethod;
        set
        {
            ThrowIfFrozen();
            _pruningMethod = value;
        }
    }

    /// <summary>Gets or sets the visual tokens kept per image (<c>64</c> or <c>"25%"</c>); see <see cref="LocalVlmRequestSettings.VisualTokenBudget"/>.</summary>
    [JsonPropertyName(LocalVlmRequestSettings.VisualTokenBudgetKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VisualTokenBudget? VisualTokenBudget
    {
        get => _visualTokenBudget;
        set
        {
            ThrowIfFrozen();
            _visualTokenBudget = value;
        }
    }

    /// <summary>Gets or sets whether kept visual tokens keep their original positions; see <see cref="LocalVlmRequestSettings.KeepPositions"/>.</summary>
    [JsonPropertyName(LocalVlmRequestSettings.KeepPositionsKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? KeepPositions
    {
        get => _keepPositions;
        set
        {
            ThrowIfFrozen();
            _keepPositions = value;
        }
    }

    /// <summary>Gets or sets whether the response reports the generated tokens' log-probabilities; see <see cref="LocalVlmRequestSettings.LogProbabilities"/>.</summary>
    [JsonPropertyName(LocalVlmRequestSettings.LogProbabilitiesKey)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? LogProbabilities
    {
        get => _logProbabilities;
        set
        {
            ThrowIfFrozen();
            _logProbabilities = value;
        }
    }

    /// <summary>
    /// Returns <paramref name="settings"/> as <see cref="LocalVlmPromptExecutionSettings"/>: the same instance when it is
    /// one, otherwise a copy read from its JSON form (so <c>ExtensionData</c> keys such as <c>top_k</c> fill the typed
    /// properties; unknown keys stay in <c>ExtensionData</c>) with its <see cref="PromptExecutionSettings.FunctionChoiceBehavior"/> kept.
    /// </summary>
    /// <param name="settings">The settings, or null for new default settings.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="JsonException">A value has the wrong type (for example <c>top_k</c> not an integer).</exception>
    public static LocalVlmPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? settings)
    {
        switch (settings)
        {
            case null:
                return new LocalVlmPromptExecutionSettings();
            case LocalVlmPromptExecutionSettings local:
                return local;
        }

        var json = JsonSerializer.Serialize(settings, settings.GetType());
        var result = JsonSerializer.Deserialize<LocalVlmPromptExecutionSettings>(json) ?? new LocalVlmPromptExecutionSettings();

        // The behavior's function list does not survive JSON; keep the original object.
        result.FunctionChoiceBehavior = settings.FunctionChoiceBehavior;
        return result;
    }

    /// <inheritdoc />
    public override PromptExecutionSettings Clone() => new LocalVlmPromptExecutionSettings
    {
        ServiceId = ServiceId,
        ModelId = ModelId,
        FunctionChoiceBehavior = FunctionChoiceBehavior,
        ExtensionData = ExtensionData is null ? null : new Dictionary<string, object>(ExtensionData),
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        MaxTokens = MaxTokens,
        Seed = Seed,
        StopSequences = StopSequences?.ToList(),
        ResponseFormat = ResponseFormat,
        RepetitionPenalty = RepetitionPenalty,
        PruningMethod = PruningMethod,
        VisualTokenBudget = VisualTokenBudget,
        KeepPositions = KeepPositions,
        LogProbabilities = LogProbabilities,
    };

    /// <inheritdoc />
    public override void Freeze()
    {
        if (IsFrozen)
        {
            return;
        }

        base.Freeze();
        if (_stopSequences is not null)
        {
            _stopSequences = new List<string>(_stopSequences).AsReadOnly();
        }
    }

    /// <inheritdoc />
    /// <remarks>Writes the model's own settings into <see cref="ChatOptions.AdditionalProperties"/> as typed values.</remarks>
    protected override void PrepareChatOptionsForRequest(ChatOptions options)
    {
        System.ArgumentNullException.ThrowIfNull(options);
        var own = new LocalVlmRequestSettings
        {
            RepetitionPenalty = RepetitionPenalty,
            PruningMethod = PruningMethod,
            VisualTokenBudget = VisualTokenBudget,
            KeepPositions = KeepPositions,
            LogProbabilities = LogProbabilities,
        }.ToAdditionalProperties();
        if (own.Count == 0)
        {
            return;
        }

        options.AdditionalProperties ??= new AdditionalPropertiesDictionary();
        foreach (var (key, value) in own)
        {
            options.AdditionalProperties[key] = value;
        }
    }
}
