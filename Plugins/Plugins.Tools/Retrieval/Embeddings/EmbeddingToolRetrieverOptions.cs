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

    /// <summary>
    /// Gets or sets whether the instruction goes through <see cref="Text.QueryText.Normalize"/> before it is embedded
    /// (slot values such as file names, times and flight codes replaced by typed words; default true).
    /// </summary>
    public bool NormalizeQuery { get; set; } = true;

    /// <summary>
    /// Gets or sets the weight c in [0, 1] of the best clause (default 0): when <see cref="Text.QueryText.Clauses"/> cuts the
    /// instruction into two or more clauses, all are embedded in the same call as the whole instruction and a tool
    /// scores <c>(1 - c) cos(q, t) + c max over clauses cos(clause, t)</c>; one-clause instructions score <c>cos(q, t)</c>.
    /// </summary>
    public double ClauseWeight { get; set; } = 0;

    /// <summary>
    /// Gets or sets the prior b added to the score of every tool that takes an image (<see cref="ToolModality"/>)
    /// when the query carries images (default 0.2; at least 0).
    /// </summary>
    public double ImageBoost { get; set; } = 0.2;

    /// <summary>
    /// Gets or sets the amount p subtracted from the score of every tool that requires an image
    /// (<see cref="ToolImageInput.Required"/>) when the query carries none (default 0.05; at least 0). Soft: a
    /// request that names such a tool's job can still rank it first.
    /// </summary>
    public double MissingImagePenalty { get; set; } = 0.05;

    /// <summary>
    /// Gets or sets the weight v in [0, 1] of the best description sentence (default 0; 0 turns it off). Each
    /// description of two or more sentences is also embedded sentence by sentence, and a tool scores
    /// <c>(1 - v) s + v max over sentences cos(q, sentence)</c>, s being the score without views.
    /// </summary>
    public double ViewWeight { get; set; } = 0;

    /// <summary>
    /// Gets or sets the weight λ in [0, 1) of a tool's neighbours (default 0.3; 0 turns it off). Each tool's
    /// <see cref="NeighbourCount"/> most similar other tools in the catalogue (cosine of their tool vectors, computed
    /// once per catalogue) are its likely synonyms; a tool then scores <c>(1 - λ) s_t + λ mean over neighbours n of
    /// s_n</c>, so the several wordings of one function pool their evidence.
    /// </summary>
    public double NeighbourWeight { get; set; } = 0.3;

    /// <summary>Gets or sets how many neighbours <see cref="NeighbourWeight"/> averages (default 3; at least 1).</summary>
    public int NeighbourCount { get; set; } = 3;

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

        if (!(ClauseWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ClauseWeight), ClauseWeight, "EmbeddingToolRetrieverOptions.ClauseWeight must be between 0 and 1 (default 0).");
        }

        if (!(NeighbourWeight is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NeighbourWeight), NeighbourWeight, "EmbeddingToolRetrieverOptions.NeighbourWeight must be at least 0 and under 1 (default 0.3).");
        }

        if (NeighbourCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NeighbourCount), NeighbourCount, "EmbeddingToolRetrieverOptions.NeighbourCount must be at least 1 (default 3).");
        }

        if (!(ViewWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ViewWeight), ViewWeight, "EmbeddingToolRetrieverOptions.ViewWeight must be between 0 and 1 (default 0).");
        }

        if (!(ImageBoost >= 0) || double.IsInfinity(ImageBoost))
        {
            throw new ArgumentOutOfRangeException(nameof(ImageBoost), ImageBoost, "EmbeddingToolRetrieverOptions.ImageBoost must be a finite number >= 0 (default 0.2).");
        }

        if (!(MissingImagePenalty >= 0) || double.IsInfinity(MissingImagePenalty))
        {
            throw new ArgumentOutOfRangeException(nameof(MissingImagePenalty), MissingImagePenalty, "EmbeddingToolRetrieverOptions.MissingImagePenalty must be a finite number >= 0 (default 0.05).");
        }

        if (CacheCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CacheCapacity), CacheCapacity, "EmbeddingToolRetrieverOptions.CacheCapacity must be at least 1 (default 16).");
        }
    }
}
