using System;
using System.Collections.Generic;

namespace Plugins.Tools.Retrieval.Fusion;

/// <summary>Settings of <see cref="HybridToolRetriever"/>'s reciprocal-rank fusion.</summary>
public sealed class HybridToolRetrieverOptions
{
    /// <summary>Gets or sets the rank constant k of <c>w / (k + rank)</c> (default 60, Cormack et al.'s value; at least 0).</summary>
    public double K { get; set; } = 60;

    /// <summary>
    /// Gets or sets how many results each inner retriever contributes (default 50; at least 1). Each is asked for
    /// <c>max(CandidateDepth, topK)</c> tools; a tool outside a retriever's list gets nothing from it.
    /// </summary>
    public int CandidateDepth { get; set; } = 50;

    /// <summary>Gets the weight w of each inner retriever by its <see cref="IToolRetriever.Name"/> (default 1 for retrievers not listed; at least 0).</summary>
    public IDictionary<string, double> Weights { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (!(K >= 0) || double.IsInfinity(K))
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "HybridToolRetrieverOptions.K must be a finite number >= 0 (default 60).");
        }

        if (CandidateDepth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CandidateDepth), CandidateDepth, "HybridToolRetrieverOptions.CandidateDepth must be at least 1 (default 50).");
        }

        foreach (var (name, weight) in Weights)
        {
            if (!(weight >= 0) || double.IsInfinity(weight))
            {
                throw new ArgumentOutOfRangeException(nameof(Weights), weight, $"HybridToolRetrieverOptions.Weights['{name}'] must be a finite number >= 0 (default 1).");
            }
        }
    }
}
