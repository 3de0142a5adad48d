using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval.Embeddings;
using Plugins.Tools.Retrieval.Lexical;

namespace Plugins.Tools.Retrieval.Fusion;

/// <summary>
/// Reciprocal-rank fusion (Cormack, Clarke and Büttcher, "Reciprocal Rank Fusion outperforms Condorcet and individual
/// Rank Learning Methods", SIGIR 2009) of inner retrievers, by default <c>bm25</c> and <c>embedding</c>. Name:
/// <c>hybrid</c>.
/// </summary>
/// <remarks>
/// A tool scores <c>sum over lists r of w_r c_r,t / (k + rank_r)</c>, rank 1-based within r's top
/// <see cref="HybridToolRetrieverOptions.CandidateDepth"/> (tools r did not return add nothing); equal scores are
/// ordered by catalogue position. c is 1, except for a <see cref="Bm25ToolRetriever"/>'s list, where it is BM25's
/// confidence (<see cref="HybridToolRetrieverOptions.Bm25ConfidenceExponent"/>); when the query carries images, one
/// more list ranks the tools that take an image (<see cref="HybridToolRetrieverOptions.ImageWeight"/>). The inner
/// retrievers run concurrently. Thread-safe when they are.
/// </remarks>
public sealed class HybridToolRetriever : IToolRetriever
{
    private readonly IToolRetriever[] _retrievers;
    private readonly double[] _weights;
    private readonly HybridToolRetrieverOptions _options;
    private readonly CatalogCache<ToolImageInput[]> _imageInputs = new(4);

    /// <summary>Creates the fusion of <paramref name="retrievers"/>.</summary>
    /// <param name="retrievers">The inner retrievers (at least one).</param>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="retrievers"/> is empty or holds null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public HybridToolRetriever(IEnumerable<IToolRetriever> retrievers, HybridToolRetrieverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(retrievers);
        _retrievers = retrievers.ToArray();
        if (_retrievers.Length == 0 || _retrievers.Any(r => r is null))
        {
            throw new ArgumentException("HybridToolRetriever needs at least one inner retriever and no null entries (for example bm25 and embedding).", nameof(retrievers));
        }

        _options = options ?? new HybridToolRetrieverOptions();
        _options.Validate();
        _weights = _retrievers.Select(r => _options.Weights.TryGetValue(r.Name, out var w) ? w : 1.0).ToArray();
    }

    /// <summary>Creates the default fusion: a <see cref="Bm25ToolRetriever"/> and an <see cref="EmbeddingToolRetriever"/> over <paramref name="generator"/>.</summary>
    /// <param name="generator">The embedding generator (not owned).</param>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    public HybridToolRetriever(IEmbeddingGenerator<string, Embedding<float>> generator, HybridToolRetrieverOptions? options = null)
        : this([new Bm25ToolRetriever(), new EmbeddingToolRetriever(generator ?? throw new ArgumentNullException(nameof(generator)))], options)
    {
    }

    /// <inheritdoc />
    public string Name => "hybrid";

    /// <summary>Gets the inner retrievers, in fusion order.</summary>
    public IReadOnlyList<IToolRetriever> Retrievers => _retrievers;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var depth = Math.Max(_options.CandidateDepth, topK);
        var lists = await Task.WhenAll(_retrievers.Select(r => r.RetrieveAsync(catalog, query, depth, cancellationToken))).ConfigureAwait(false);
        var weights = (double[])_weights.Clone();
        var perEntry = new bool[_retrievers.Length + 1];
        if (_options.Bm25ConfidenceExponent > 0)
        {
            for (var r = 0; r < _retrievers.Length; r++)
            {
                if (_retrievers[r] is Bm25ToolRetriever bm25)
                {
                    var shares = bm25.MatchedShares(catalog, query.Instruction);
                    if (_options.Bm25ConfidencePerTool)
                    {
                        lists[r] = lists[r]
                            .Select(m => m with { Score = Math.Pow(shares[catalog.IndexOf(m.Tool.Name)], _options.Bm25ConfidenceExponent) })
                            .ToArray();
                        perEntry[r] = true;
                        continue;
                    }

                    var share = lists[r].Count == 0 ? 0 : shares[catalog.IndexOf(lists[r][0].Tool.Name)];
                    weights[r] *= Math.Pow(share, _options.Bm25ConfidenceExponent);
                }
            }
        }

        if (query.Images.Count == 0 || _options.ImageWeight == 0)
        {
            return Fuse(catalog, lists, weights, _options.K, topK, perEntry);
        }

        // The modality ranker: the tools that take an image, in the embedding's order.
        var source = Array.FindIndex(_retrievers, r => r is EmbeddingToolRetriever);
        var imageInputs = _imageInputs.GetOrCreate(catalog, ToolModality.ImageInputs);
        var modality = lists[Math.Max(source, 0)].Where(m => catalog.IndexOf(m.Tool.Name) is var i and >= 0 && imageInputs[i] != ToolImageInput.None).ToArray();
        return Fuse(catalog, [.. lists, modality], [.. weights, _options.ImageWeight], _options.K, topK, perEntry);
    }

    /// <summary>Fuses ranked lists by reciprocal rank: <c>sum of weights[r] / (k + rank)</c>, times the entry's score where <paramref name="scaleByScore"/>[r] is set; ties in catalogue order.</summary>
    internal static IReadOnlyList<ToolMatch> Fuse(ToolCatalog catalog, IReadOnlyList<IReadOnlyList<ToolMatch>> lists, IReadOnlyList<double> weights, double k, int topK, IReadOnlyList<bool>? scaleByScore = null)
    {
        var scores = new double[catalog.Count];
        var present = new bool[catalog.Count];
        for (var r = 0; r < lists.Count; r++)
        {
            var rank = 0;
            foreach (var match in lists[r])
            {
                rank++;
                if (catalog.IndexOf(match.Tool.Name) is var i and >= 0)
                {
                    scores[i] += weights[r] * (scaleByScore is not null && scaleByScore[r] ? match.Score : 1) / (k + rank);
                    present[i] = true;
                }
            }
        }

        var candidates = new double[catalog.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = present[i] ? scores[i] : double.NaN;
        }

        var best = TopKSelector.Select(candidates, topK);
        return best.Select(i => new ToolMatch(catalog.Tools[i], scores[i])).ToArray();
    }
}
