using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Plugins.Tools.Catalog;

namespace Plugins.Tools.Retrieval.Lexical;

/// <summary>
/// Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) over each
/// tool's name terms (weighted by <see cref="Bm25Options.NameWeight"/>), description, parameter names and parameter
/// descriptions, tokenized by <see cref="ToolTextTokenizer"/> (split, stop words dropped, Porter-stemmed). Name:
/// <c>bm25</c>.
/// </summary>
/// <remarks>
/// For a query with distinct terms q, a tool d scores
/// <c>sum over q of idf(q) * tf(q,d) * (k1 + 1) / (tf(q,d) + k1 * (1 - b + b * |d| / avgdl))</c> with
/// <c>idf(q) = ln(1 + (N - n(q) + 0.5) / (n(q) + 0.5))</c> (never negative), where tf counts name occurrences
/// <see cref="Bm25Options.NameWeight"/> times, |d| is the weighted term count and avgdl its catalogue mean. Only tools
/// with a score above zero are returned (a query sharing no term with any tool returns nothing), ties in catalogue
/// order. The index is built once per catalogue (<see cref="ToolCatalog.Fingerprint"/>) and cached (bounded by
/// <see cref="Bm25Options.CacheCapacity"/>). Thread-safe.
/// </remarks>
public sealed class Bm25ToolRetriever : IToolRetriever
{
    private readonly Bm25Options _options;
    private readonly CatalogCache<Index> _cache;

    /// <summary>Creates the retriever.</summary>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public Bm25ToolRetriever(Bm25Options? options = null)
    {
        _options = options ?? new Bm25Options();
        _options.Validate();
        _cache = new CatalogCache<Index>(_options.CacheCapacity);
    }

    /// <inheritdoc />
    public string Name => "bm25";

    /// <inheritdoc />
    public Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var scores = Score(catalog, query.Instruction);
        var best = TopKSelector.Select(scores, topK, static s => s > 0);
        var matches = new ToolMatch[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            matches[i] = new ToolMatch(catalog.Tools[best[i]], scores[best[i]]);
        }

        return Task.FromResult<IReadOnlyList<ToolMatch>>(matches);
    }

    /// <summary>Returns every tool's BM25 score for <paramref name="instruction"/>, in catalogue order.</summary>
    /// <param name="catalog">The tools.</param>
    /// <param name="instruction">The query text.</param>
    /// <returns>One score per tool (0 for tools sharing no term with the query).</returns>
    public double[] Score(ToolCatalog catalog, string instruction)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(instruction);
        var index = _cache.GetOrCreate(catalog, Build);
        var scores = new double[catalog.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in ToolTextTokenizer.Tokenize(instruction))
        {
            if (!seen.Add(term) || !index.Postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var n = postings.Count;
            var idf = Math.Log(1 + ((catalog.Count - n + 0.5) / (n + 0.5)));
            foreach (var (doc, tf) in postings)
            {
                var norm = _options.K1 * (1 - _options.B + (_options.B * index.Lengths[doc] / index.AverageLength));
                scores[doc] += idf * tf * (_options.K1 + 1) / (tf + norm);
            }
        }

        return scores;
    }

    /// <summary>
    /// The share of <paramref name="instruction"/>'s distinct terms (after <see cref="ToolTextTokenizer.Tokenize"/>)
    /// that occur in the indexed text of the tool at <paramref name="toolIndex"/>: how much of the query BM25 can
    /// explain with that tool.
    /// </summary>
    /// <param name="catalog">The catalogue.</param>
    /// <param name="instruction">The query text.</param>
    /// <param name="toolIndex">The tool's position in <paramref name="catalog"/>.</param>
    /// <returns>A share in [0, 1]; 0 when the instruction has no terms.</returns>
    public double MatchedShare(ToolCatalog catalog, string instruction, int toolIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(toolIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(toolIndex, catalog?.Count ?? 0);
        return MatchedShares(catalog!, instruction)[toolIndex];
    }

    /// <summary>
    /// <see cref="MatchedShare"/> for every tool of <paramref name="catalog"/> at once: the instruction is tokenized
    /// once and each of its terms' postings read once.
    /// </summary>
    /// <param name="catalog">The catalogue.</param>
    /// <param name="instruction">The query text.</param>
    /// <returns>One share in [0, 1] per tool, in catalogue order; all 0 when the instruction has no terms.</returns>
    public double[] MatchedShares(ToolCatalog catalog, string instruction)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(instruction);
        var index = _cache.GetOrCreate(catalog, Build);
        var terms = new HashSet<string>(ToolTextTokenizer.Tokenize(instruction), StringComparer.Ordinal);
        var shares = new double[catalog.Count];
        if (terms.Count == 0)
        {
            return shares;
        }

        foreach (var term in terms)
        {
            if (index.Postings.TryGetValue(term, out var postings))
            {
                foreach (var (doc, _) in postings)
                {
                    shares[doc] += 1.0 / terms.Count;
                }
            }
        }

        return shares;
    }

    private Index Build(ToolCatalog catalog)
    {
        var postings = new Dictionary<string, List<(int Doc, double Tf)>>(StringComparer.Ordinal);
        var lengths = new double[catalog.Count];
        var total = 0.0;
        for (var doc = 0; doc < catalog.Count; doc++)
        {
            var tool = catalog.Tools[doc];
            var tf = new Dictionary<string, double>(StringComparer.Ordinal);
            Add(tf, tool.Name, _options.NameWeight);
            Add(tf, tool.Description, 1);
            foreach (var (name, description) in ToolParameters.Read(tool))
            {
                Add(tf, name, 1);
                if (_options.IndexParameterDescriptions)
                {
                    Add(tf, description, 1);
                }
            }

            foreach (var (term, count) in tf)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((doc, count));
                lengths[doc] += count;
            }

            total += lengths[doc];
        }

        var average = catalog.Count == 0 || total == 0 ? 1 : total / catalog.Count;
        return new Index(postings, lengths, average);
    }

    private static void Add(Dictionary<string, double> tf, string text, double weight)
    {
        foreach (var term in ToolTextTokenizer.Tokenize(text))
        {
            tf[term] = tf.GetValueOrDefault(term) + weight;
        }
    }

    private sealed record Index(Dictionary<string, List<(int Doc, double Tf)>> Postings, double[] Lengths, double AverageLength);
}
