using System;
using Microsoft.Extensions.AI;

namespace Plugins.Tools.Retrieval.Reranking;

/// <summary>Settings of <see cref="ModelToolRetriever"/>.</summary>
public sealed class ModelToolRetrieverOptions
{
    /// <summary>Gets or sets how many tools the inner retriever shortlists for the model to re-rank (default 8; at least 1).</summary>
    public int ShortlistSize { get; set; } = 8;

    /// <summary>
    /// Gets or sets whether a candidate's score is the mean log-probability per generated token instead of the sum
    /// (default false: the sum, the log-likelihood of the whole name, which favours short names).
    /// </summary>
    public bool MeanPerToken { get; set; }

    /// <summary>Gets or sets the output-token limit of each scoring request (default 48; at least 1): enough for the quoted name.</summary>
    public int MaxOutputTokens { get; set; } = 48;

    /// <summary>
    /// Gets or sets extra request keys copied into every request's <see cref="ChatOptions.AdditionalProperties"/> (default
    /// null: none), for example <c>pruning_method</c> and <c>visual_token_budget</c> for the local client; the retriever
    /// sets <c>logprobs</c> itself, over any value given here. Read when the retriever is created.
    /// </summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (ShortlistSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ShortlistSize), ShortlistSize, "ModelToolRetrieverOptions.ShortlistSize must be at least 1 (default 8).");
        }

        if (MaxOutputTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "ModelToolRetrieverOptions.MaxOutputTokens must be at least 1 (default 48).");
        }
    }
}
