using System;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Evaluation;

/// <summary>Options of <see cref="VisualEmotionEvaluator"/>. Validated when the evaluator is created.</summary>
public sealed class VisualEmotionEvaluatorOptions
{
    /// <summary>Gets or sets the most records to score (the first ones), or null for all. Default null.</summary>
    public int? Limit { get; set; }

    /// <summary>
    /// Gets or sets the visual-token pruning method sent as <c>ChatOptions.AdditionalProperties["pruning_method"]</c>
    /// (e.g. <c>fastervlm</c>), or null to send none (the model's default). Default null.
    /// </summary>
    public string? PruningMethod { get; set; }

    /// <summary>
    /// Gets or sets the visual tokens kept, sent as <c>AdditionalProperties["visual_token_budget"]</c>: a count
    /// (<c>64</c>) or a percentage (<c>25%</c>), or null to send none. Default null.
    /// </summary>
    public string? VisualTokenBudget { get; set; }

    /// <summary>Gets or sets the output budget per answer (8..4096). Default 64.</summary>
    public int MaxOutputTokens { get; set; } = 64;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(Limit));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputTokens, 8, nameof(MaxOutputTokens));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxOutputTokens, 4096, nameof(MaxOutputTokens));
        if (PruningMethod is not null && string.IsNullOrWhiteSpace(PruningMethod))
        {
            throw new ArgumentException("VisualEmotionEvaluatorOptions.PruningMethod is blank; give a method name (e.g. fastervlm) or null.", nameof(PruningMethod));
        }
    }

    /// <summary>The chat options the reader starts from: the pruning keys when set, else null.</summary>
    /// <returns>The base options, or null.</returns>
    public ChatOptions? ToChatOptions()
    {
        if (PruningMethod is null && VisualTokenBudget is null)
        {
            return null;
        }

        var options = new ChatOptions { AdditionalProperties = [] };
        if (PruningMethod is not null)
        {
            options.AdditionalProperties["pruning_method"] = PruningMethod;
        }

        if (VisualTokenBudget is not null)
        {
            options.AdditionalProperties["visual_token_budget"] = VisualTokenBudget;
        }

        return options;
    }
}
