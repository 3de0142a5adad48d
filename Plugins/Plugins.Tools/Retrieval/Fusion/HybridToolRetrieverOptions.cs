using System;
using System.Collections.Generic;

namespace Plugins.Tools.Retrieval.Fusion;

/// <summary>Settings of <see cref="HybridToolRetriever"/>'s reciprocal-rank fusion.</summary>
public sealed class HybridToolRetrieverOptions
{
    /// <summary>Gets or sets the rank constant k of <c>w / (k + rank)</c> (default 60, Cormack et al.'s value; at least 0).</summary>
    public double K { get; set; } = TuningEnv.Get("T_K", 60);

    /// <summary>
    /// Gets or sets how many results each inner retriever contributes (default 50; at least 1). Each is asked for
    /// <c>max(CandidateDepth, topK)</c> tools; a tool outside a retriever's list gets nothing from it.
    /// </summary>
    public int CandidateDepth { get; set; } = 50;

    /// <summary>
    /// Gets or sets the exponent e of BM25's confidence (default EXPDEF; at least 0; 0 turns it off). Per query, the weight
    /// of each <see cref="Lexical.Bm25ToolRetriever"/> is multiplied by <c>s^e</c>, where s is the share of the
    /// query's distinct content stems that its top tool contains (<see cref="Lexical.Bm25ToolRetriever.MatchedShare"/>;
    /// s = 0 when BM25 returned nothing). Direct requests, whose words the tool shares, keep BM25's precision;
    /// paraphrases, which BM25 matches only through incidental words, lean on the embedding.
    /// </summary>
    public double Bm25ConfidenceExponent { get; set; } = TuningEnv.Get("T_EXP", 2);

    /// <summary>
    /// Gets or sets whether BM25's confidence is read per tool rather than per query (default PTDEF): each tool of
    /// BM25's list then contributes <c>w s_t^e / (k + rank)</c>, s_t being the share of the query's stems that tool
    /// contains, so a tool that BM25 ranks high through one incidental word gains little.
    /// </summary>
    public bool Bm25ConfidencePerTool { get; set; } = TuningEnv.Get("T_PT", 1) > 0;

    /// <summary>
    /// Gets or sets the weight of the modality ranker (default IMGDEF; at least 0; 0 turns it off). When the query carries
    /// images, the tools that take an image (<see cref="ToolModality"/>) form one more ranked list, in the order of
    /// the first <see cref="Embeddings.EmbeddingToolRetriever"/>'s list (or of the first list when there is none),
    /// fused with this weight.
    /// </summary>
    public double ImageWeight { get; set; } = TuningEnv.Get("T_IMGW", 1);

    /// <summary>Gets the weight w of each inner retriever by its <see cref="IToolRetriever.Name"/> (default 1 for retrievers not listed; at least 0).</summary>
    public IDictionary<string, double> Weights { get; } = TuningWeights();

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

        if (!(Bm25ConfidenceExponent >= 0) || double.IsInfinity(Bm25ConfidenceExponent))
        {
            throw new ArgumentOutOfRangeException(nameof(Bm25ConfidenceExponent), Bm25ConfidenceExponent, "HybridToolRetrieverOptions.Bm25ConfidenceExponent must be a finite number >= 0 (default EXPDEF).");
        }

        if (!(ImageWeight >= 0) || double.IsInfinity(ImageWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(ImageWeight), ImageWeight, "HybridToolRetrieverOptions.ImageWeight must be a finite number >= 0 (default IMGDEF).");
        }

        foreach (var (name, weight) in Weights)
        {
            if (!(weight >= 0) || double.IsInfinity(weight))
            {
                throw new ArgumentOutOfRangeException(nameof(Weights), weight, $"HybridToolRetrieverOptions.Weights['{name}'] must be a finite number >= 0 (default 1).");
            }
        }
    }

    private static Dictionary<string, double> TuningWeights()
    {
        var d = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var e = TuningEnv.Get("T_EMBW", 1);
        if (e != 1)
        {
            d["embedding"] = e;
        }

        return d;
    }
}
