using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Tools.Retrieval.Embeddings;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Lexical;
using Plugins.Tools.Retrieval.Reranking;

namespace Plugins.Tools.Retrieval;

/// <summary>Creates the built-in retrievers by name (as the CLI and configuration spell them), with their default settings.</summary>
public static class ToolRetrievers
{
    /// <summary>Gets the retriever names: <c>bm25</c>, <c>embedding</c>, <c>hybrid</c>, <c>model</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bm25", "embedding", "hybrid", "model"];

    /// <summary>
    /// Creates the retriever named <paramref name="name"/> (case-insensitive): <c>bm25</c> (<see cref="Bm25ToolRetriever"/>),
    /// <c>embedding</c> (<see cref="EmbeddingToolRetriever"/>), <c>hybrid</c> (<see cref="HybridToolRetriever"/> of both)
    /// or <c>model</c> (<see cref="ModelToolRetriever"/> re-ranking a hybrid shortlist).
    /// </summary>
    /// <param name="name">The retriever name.</param>
    /// <param name="embedder">The embedding generator: required by <c>embedding</c>, <c>hybrid</c> and <c>model</c> (not owned).</param>
    /// <param name="chatClient">The model: required by <c>model</c> (not owned).</param>
    /// <param name="loggerFactory">Creates loggers, or null for none.</param>
    /// <returns>A new retriever.</returns>
    /// <exception cref="ArgumentException">The name is unknown, or a dependency it needs is null (the message says which).</exception>
    public static IToolRetriever Create(string name, IEmbeddingGenerator<string, Embedding<float>>? embedder = null, IChatClient? chatClient = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.Trim().ToLowerInvariant())
        {
            case "bm25":
                return new Bm25ToolRetriever();
            case "embedding":
                return new EmbeddingToolRetriever(RequireEmbedder(name, embedder));
            case "hybrid":
                return new HybridToolRetriever(RequireEmbedder(name, embedder));
            case "model":
                if (chatClient is null)
                {
                    throw new ArgumentException($"The '{name}' retriever needs a chat client (the vision-language model that scores tool names); pass chatClient.", nameof(chatClient));
                }

                return new ModelToolRetriever(
                    chatClient,
                    new HybridToolRetriever(RequireEmbedder(name, embedder)),
                    logger: loggerFactory?.CreateLogger<ModelToolRetriever>());
            default:
                throw new ArgumentException($"Unknown tool retriever '{name}'; use one of: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    private static IEmbeddingGenerator<string, Embedding<float>> RequireEmbedder(string name, IEmbeddingGenerator<string, Embedding<float>>? embedder) =>
        embedder ?? throw new ArgumentException(
            string.Equals(name.Trim(), "model", StringComparison.OrdinalIgnoreCase)
                ? $"The '{name}' retriever needs an embedding generator for its hybrid shortlist; pass embedder (for example MiniLmEmbeddingGenerator)."
                : $"The '{name}' retriever needs an embedding generator; pass embedder (for example MiniLmEmbeddingGenerator), or use 'bm25'.",
            nameof(embedder));
}
