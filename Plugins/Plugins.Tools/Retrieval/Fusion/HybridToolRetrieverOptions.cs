using System;
using System.Collections.Generic;

namespace Plugins.Tools.Retrieval.Fusion;

/// <summary>Settings of <see cref="HybridToolRetriever"/>'s reciprocal-rank fusion.</summary>
public sealed class HybridToolRetrieverOptions
{
    /// <summary>Gets or sets the rank constant k of <c>w / (k + rank)</c> (default 100, chosen on the tuning set; at least 0; Cormack et al. used 60).</summary>
    public double K { get; set; } = 100;

    /// <summary>
    /// Gets or sets how many results each inner retriever contributes (default 50; at least 1). Each is asked for
    /// <c>max(CandidateDepth, topK)</c> tools; a tool outside a retriever's list gets nothing from it.
    /// </summary>
    public int CandidateDepth { get; set; } = 50;

    /// <summary>
    /// Gets or sets the exponent e of BM25's confidence (default 2; at least 0; 0 turns it off). Per query, the weight
    /// of each <see cref="Lexical.Bm25ToolRetriever"/> is multiplied by <c>s^e</c>, where s is the share of the
    /// query's distinct content stems that its top tool contains (<see cref="Lexical.Bm25ToolRetriever.MatchedShare"/>;
    /// s = 0 when BM25 returned nothing). Direct requests, whose words the tool shares, keep BM25's precision;
    /// paraphrases, which BM25 matches only through incidental words, lean on the embedding.
    /// </summary>
    public double Bm25ConfidenceExponent { get; set; } = 2;

    /// <summary>
    /// Gets or sets whether BM25's confidence is read per tool rather than per query (default true): each tool of
    /// BM25's list then contributes <c>w s_t^e / (k + rank)</c>, s_t being the share of the query's stems that tool
    /// contains, so a tool that BM25 ranks high through one incidental word gains little.
    /// </summary>
    public bool Bm25ConfidencePerTool { get; set; } = true;

    /// <summary>
    /// Gets or sets the weight of the modality ranker (default 1; at least 0; 0 turns it off). When the query carries
    /// images, the tools that take an image (<see cref="ToolModality"/>) form one more ranked list, in the order of
    /// the first <see cref="Embeddings.EmbeddingToolRetriever"/>'s list (or of the first list when there is none),
    /// fused with this weight.
    /// </summary>
    public double ImageWeight { get; set; } = 1;

    /// <summary>Gets the weight w of each inner retriever by its <see cref="IToolRetriever.Name"/> (default 1 for retrievers not listed; at least 0).</summary>
    public IDictionary<string, double> Weights { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public void Validate()
    {
        if (!(K >= 0) || double.IsInfinity(K))
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "HybridToolRetrieverOptions.K must be a finite number >= 0 (default 100).");
        }

        if (CandidateDepth < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CandidateDepth), CandidateDepth, "HybridToolRetrieverOptions.CandidateDepth must be at least 1 (default 50).");
        }

        if (!(Bm25ConfidenceExponent >= 0) || double.IsInfinity(Bm25ConfidenceExponent))
        {
            throw new ArgumentOutOfRangeException(nameof(Bm25ConfidenceExponent), Bm25ConfidenceExponent, "HybridToolRetrieverOptions.Bm25ConfidenceExponent must be a finite number >= 0 (default 2).");
        }

        if (!(ImageWeight >= 0) || double.IsInfinity(ImageWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(ImageWeight), ImageWeight, "HybridToolRetrieverOptions.ImageWeight must be a finite number >= 0 (default 1).");
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
