using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Tools.Catalog;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.Retrieval.Text;

namespace Plugins.Tools.Retrieval.Embeddings;

/// <summary>
/// Dense retrieval: cosine similarity between the instruction's vector and each tool's (RAG-MCP's retrieval step),
/// over any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Name: <c>embedding</c>.
/// </summary>
/// <remarks>
/// Each tool is embedded as two texts (<see cref="ToolTexts"/>): its name split into words and its description. A
/// catalogue's vectors are generated once, in batches, L2-normalised, mixed as
/// <c>(1 - w) description + w name</c> (<see cref="EmbeddingToolRetrieverOptions.NameWeight"/>, default 0.2) and
/// cached per <see cref="ToolCatalog.Fingerprint"/> (bounded by <see cref="EmbeddingToolRetrieverOptions.CacheCapacity"/>;
/// concurrent first calls share one computation). Each query embeds the instruction once; a tool's score is
/// <c>(1 - w) cos(q, description) + w cos(q, name)</c> (plain cosine when it has no description), in [-1, 1]. The
/// top k are picked by partial selection, ties in catalogue order. Every tool is ranked (k results when the
/// catalogue has k tools). Thread-safe when the generator is.
/// </remarks>
public sealed class EmbeddingToolRetriever : IToolRetriever
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EmbeddingToolRetrieverOptions _options;
    private readonly CatalogCache<VectorIndex> _cache;

    /// <summary>Creates the retriever over <paramref name="generator"/> (not owned: the caller disposes it).</summary>
    /// <param name="generator">Embeds tool texts and instructions.</param>
    /// <param name="options">The settings (validated now), or null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public EmbeddingToolRetriever(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingToolRetrieverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _generator = generator;
        _options = options ?? new EmbeddingToolRetrieverOptions();
        _options.Validate();
        _cache = new CatalogCache<VectorIndex>(_options.CacheCapacity);
    }

    /// <inheritdoc />
    public string Name => "embedding";

    /// <summary>Returns the two texts embedded for <paramref name="tool"/>: its name's words and its description.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>
    /// The name split into words (<c>get weather forecast</c>) and the description, trimmed (followed by
    /// <c>Parameters: city, days.</c> when <see cref="EmbeddingToolRetrieverOptions.IncludeParameterNames"/> is set;
    /// empty when the tool has no description and no parameters are included).
    /// </returns>
    public (string Name, string Description) ToolTexts(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var name = string.Join(' ', ToolTextTokenizer.SplitWords(tool.Name));
        var description = tool.Description.Trim();
        if (_options.IncludeParameterNames)
        {
            var parameters = ToolParameters.Read(tool);
            if (parameters.Count > 0)
            {
                description = (description.Length > 0 ? description + " " : string.Empty)
                    + "Parameters: " + string.Join(", ", parameters.Select(p => string.Join(' ', ToolTextTokenizer.SplitWords(p.Name)))) + ".";
            }
        }

        return (name, description);
    }

    /// <summary>Embeds <paramref name="catalog"/> now (or finds it cached), so later queries only embed the instruction.</summary>
    /// <param name="catalog">The tools.</param>
    /// <param name="cancellationToken">Stops waiting (the shared computation continues for other callers).</param>
    /// <returns>A task that completes when the vectors are cached.</returns>
    public async Task WarmUpAsync(ToolCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        await _cache.GetOrCreateAsync(catalog, EmbedCatalogAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ToolMatch>> RetrieveAsync(ToolCatalog catalog, ToolQuery query, int topK, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        if (catalog.Count == 0)
        {
            return [];
        }

        var index = await _cache.GetOrCreateAsync(catalog, EmbedCatalogAsync, cancellationToken).ConfigureAwait(false);
        var scores = await ScoreAsync(catalog, index, query, cancellationToken).ConfigureAwait(false);
        var best = TopKSelector.Select(scores, topK);
        var matches = new ToolMatch[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            matches[i] = new ToolMatch(catalog.Tools[best[i]], scores[best[i]]);
        }

        return matches;
    }

    /// <summary>The texts embedded for <paramref name="instruction"/>, in one call: the (normalised) instruction, then its clauses when <see cref="EmbeddingToolRetrieverOptions.ClauseWeight"/> is above 0.</summary>
    /// <param name="instruction">The instruction.</param>
    /// <returns>At least one text; the first is the whole instruction.</returns>
    public IReadOnlyList<string> QueryTexts(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var text = _options.NormalizeQuery ? QueryText.Normalize(instruction) : instruction;
        var texts = new List<string> { text };
        if (_options.ClauseWeight > 0)
        {
            texts.AddRange(QueryText.Clauses(text));
        }

        return texts;
    }

    private async Task<double[]> ScoreAsync(ToolCatalog catalog, VectorIndex index, ToolQuery query, CancellationToken cancellationToken)
    {
        var texts = QueryTexts(query.Instruction);
        var embeddings = await _generator.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {texts.Count} query texts; it must return one per input.");
        }

        var vectors = new float[texts.Count][];
        for (var t = 0; t < vectors.Length; t++)
        {
            vectors[t] = Normalise(embeddings[t].Vector.Span, index.Dimensions, t == 0 ? "the instruction" : $"the clause '{texts[t]}'");
        }

        var c = vectors.Length > 1 ? _options.ClauseWeight : 0;
        var hasImage = query.Images.Count > 0;
        var scores = new double[catalog.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var tool = index.Vectors.AsSpan(i * index.Dimensions, index.Dimensions);
            var score = Dot(vectors[0], tool);
            if (c > 0)
            {
                var clause = double.NegativeInfinity;
                for (var t = 1; t < vectors.Length; t++)
                {
                    clause = Math.Max(clause, Dot(vectors[t], tool));
                }

                score = ((1 - c) * score) + (c * clause);
            }

            var views = index.Views[i];
            if (views.Length > 0)
            {
                var view = double.NegativeInfinity;
                foreach (var v in views)
                {
                    view = Math.Max(view, Dot(vectors[0], v));
                }

                score = ((1 - _options.ViewWeight) * score) + (_options.ViewWeight * view);
            }

            scores[i] = score;
        }

        if (_options.NeighbourWeight > 0)
        {
            var own = (double[])scores.Clone();
            var lambda = _options.NeighbourWeight;
            for (var i = 0; i < scores.Length; i++)
            {
                var sum = 0.0;
                foreach (var j in index.Neighbours[i])
                {
                    sum += own[j];
                }

                if (index.Neighbours[i].Length > 0)
                {
                    scores[i] = ((1 - lambda) * own[i]) + (lambda * sum / index.Neighbours[i].Length);
                }
            }
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            var input = index.ImageInputs[i];
            if (hasImage && input != ToolImageInput.None)
            {
                score += _options.ImageBoost;
            }
            else if (!hasImage && input == ToolImageInput.Required)
            {
                score -= _options.MissingImagePenalty;
            }

            scores[i] = score;
        }

        return scores;
    }

    private async Task<VectorIndex> EmbedCatalogAsync(ToolCatalog catalog)
    {
        // Texts 2i and 2i + 1 are tool i's name and description; an empty description is not embedded.
        var pairs = catalog.Tools.Select(ToolTexts).ToArray();
        var texts = new List<string>(pairs.Length * 2);
        var descriptionAt = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            texts.Add(pairs[i].Name.Length > 0 ? pairs[i].Name : catalog.Tools[i].Name);
            descriptionAt[i] = pairs[i].Description.Length > 0 ? texts.Count : -1;
            if (descriptionAt[i] >= 0)
            {
                texts.Add(pairs[i].Description);
            }
        }

        // Then each description's sentences (views), when it has two or more: tool i's are texts viewStart[i] .. + viewCount[i].
        var viewStart = new int[pairs.Length];
        var viewCount = new int[pairs.Length];
        if (_options.ViewWeight > 0)
        {
            for (var i = 0; i < pairs.Length; i++)
            {
                var views = DescriptionViews(pairs[i].Description);
                viewStart[i] = texts.Count;
                viewCount[i] = views.Count;
                texts.AddRange(views);
            }
        }

        var unit = new float[texts.Count][];
        var dimensions = 0;
        for (var start = 0; start < texts.Count; start += _options.BatchSize)
        {
            var batch = texts.GetRange(start, Math.Min(_options.BatchSize, texts.Count - start));
            var embeddings = await _generator.GenerateAsync(batch).ConfigureAwait(false);
            if (embeddings.Count != batch.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {batch.Count} tool texts; it must return one per input.");
            }

            for (var j = 0; j < batch.Count; j++)
            {
                var vector = embeddings[j].Vector.Span;
                if (dimensions == 0)
                {
                    dimensions = vector.Length;
                    if (dimensions == 0)
                    {
                        throw new InvalidOperationException("The embedding generator returned an empty vector; tool retrieval needs vectors of at least one dimension.");
                    }
                }

                unit[start + j] = Normalise(vector, dimensions, $"the tool text '{batch[j]}'");
            }
        }

        // Each tool's vector mixes its unit vectors, so its score is (1 - w) cos(q, description) + w cos(q, name).
        var w = (float)_options.NameWeight;
        var vectors = new float[pairs.Length * dimensions];
        var nameIndex = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            var target = vectors.AsSpan(i * dimensions, dimensions);
            var name = unit[nameIndex];
            var description = descriptionAt[i] >= 0 ? unit[descriptionAt[i]] : null;
            for (var d = 0; d < dimensions; d++)
            {
                target[d] = description is null ? name[d] : ((1 - w) * description[d]) + (w * name[d]);
            }

            nameIndex += description is null ? 1 : 2;
        }

        // Each tool's nearest other tools by cosine of their vectors (synonyms from other plugins, in a good catalogue).
        var m = Math.Min(_options.NeighbourCount, pairs.Length - 1);
        var neighbours = new int[pairs.Length][];
        Array.Fill(neighbours, []);
        if (_options.NeighbourWeight > 0 && m > 0)
        {
            var similarity = new double[pairs.Length];
            for (var i = 0; i < pairs.Length; i++)
            {
                var self = vectors.AsSpan(i * dimensions, dimensions);
                for (var j = 0; j < pairs.Length; j++)
                {
                    similarity[j] = j == i ? double.NaN : Dot(self, vectors.AsSpan(j * dimensions, dimensions));
                }

                neighbours[i] = TopKSelector.Select(similarity, m);
            }
        }

        var viewVectors = new float[pairs.Length][][];
        for (var i = 0; i < pairs.Length; i++)
        {
            viewVectors[i] = unit.AsSpan(viewStart[i], viewCount[i]).ToArray();
        }

        return new VectorIndex(vectors, dimensions, ToolModality.ImageInputs(catalog), viewVectors, neighbours);
    }

    private static float[] Normalise(ReadOnlySpan<float> vector, int dimensions, string what)
    {
        if (vector.Length != dimensions)
        {
            throw new InvalidOperationException($"The embedding of {what} has {vector.Length} dimensions, the catalogue's have {dimensions}; use one embedding model for tools and queries.");
        }

        var norm = Math.Sqrt(Dot(vector, vector));
        var result = new float[dimensions];
        if (norm > 0)
        {
            for (var i = 0; i < dimensions; i++)
            {
                result[i] = (float)(vector[i] / norm);
            }
        }

        return result;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The sentences of a description (cut at <c>.</c>, <c>;</c> or <c>:</c> followed by a space) with at least three words, when there are two or more; else none.</summary>
    internal static IReadOnlyList<string> DescriptionViews(string description)
    {
        var parts = description.Split([". ", "; ", ": "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3)
            .ToArray();
        return parts.Length >= 2 ? parts : [];
    }

    private sealed record VectorIndex(float[] Vectors, int Dimensions, ToolImageInput[] ImageInputs, float[][][] Views, int[][] Neighbours);
}
