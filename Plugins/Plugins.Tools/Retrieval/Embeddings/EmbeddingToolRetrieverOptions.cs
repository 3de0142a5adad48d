using System;

namespace Plugins.Tools.Retrieval.Embeddings;

/// <summary>Settings of <see cref="EmbeddingToolRetriever"/>.</summary>
public sealed class EmbeddingToolRetrieverOptions
{
    /// <summary>Gets or sets how many tool texts go to the generator per call when a catalogue is embedded (default 64; at least 1).</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Gets or sets how many catalogues' vectors are kept (default 16; at least 1).</summary>
    public int CacheCapacity { get; set; } = 16;

    /// <summary>Gets or sets whether the parameter names are part of each tool's text (default true).</summary>
    public bool IncludeParameterNames { get; set; } = true;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "EmbeddingToolRetrieverOptions.BatchSize must be at least 1 (default 64).");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "EmbeddingToolRetrieverOptions.CacheCapacity must be at least 1 (default 16).");
        }
    }
}
