using System;
using System.Globalization;

namespace Plugins.Tools.Evaluation;

/// <summary>Options of <see cref="ToolSelectionEvaluator"/>.</summary>
public sealed class ToolEvaluatorOptions
{
    /// <summary>Gets the k of hit@k and recall@k, the number of tools asked of the retriever; at least 1. Default 10.</summary>
    public int TopK { get; init; } = 10;

    /// <summary>Gets the number of queries to evaluate (the first ones), or null for all. Default null.</summary>
    public int? Limit { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">TopK is below 1 or Limit below 1.</exception>
    public void Validate()
    {
        if (TopK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, string.Create(CultureInfo.InvariantCulture, $"ToolEvaluatorOptions.TopK must be at least 1, got {TopK}."));
        }

        if (Limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, string.Create(CultureInfo.InvariantCulture, $"ToolEvaluatorOptions.Limit must be at least 1 or null, got {Limit}."));
        }
    }
}
