using System;

namespace Plugins.Tools.Retrieval.Embeddings;

/// <summary>Settings of <see cref="EmbeddingToolRetriever"/>.</summary>
public sealed class EmbeddingToolRetrieverOptions
{
    /// <summary>Gets or sets how many tool texts go to the generator per call when a catalogue is embedded (default 64; at least 1).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Gets or sets how many catalogues' vectors are kept (default 16; at least 1).</summary>
    public int CacheCapacity { get; set; } = 16;

    /// <summary>
    /// Gets or sets how much the tool's name counts against its description, w in [0, 1] (default 0.2): a tool's score
    /// is <c>(1 - w) cos(query, description) + w cos(query, name words)</c>, the name alone when the description is
    /// empty. On the tuning set of <c>agents data tools --seed 1</c>, 0.2 gave top-1 61.0% and hit@10 87.8%, against
    /// 59.2% and 82.2% for one text of name, description and parameter names: plugin and brand words in names
    /// ("courier", "Agenda") mislead the embedding more than descriptions do.
    /// </summary>
    public double NameWeight { get; set; } = 0.2;

    /// <summary>Gets or sets whether the parameter names are appended to the description text (default false: on the tuning set they lowered top-1 and hit@10).</summary>
    public bool IncludeParameterNames { get; set; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "EmbeddingToolRetrieverOptions.BatchSize must be at least 1 (default 64).");
        }

        if (!(NameWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NameWeight), NameWeight, "EmbeddingToolRetrieverOptions.NameWeight must be between 0 and 1 (default 0.2).");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "EmbeddingToolRetrieverOptions.CacheCapacity must be at least 1 (default 16).");
        }
    }
}
