using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Tools.Evaluation;
using Plugins.Tools.Evaluation.Data;
using Plugins.Tools.Retrieval.Fusion;
using Plugins.Tools.Retrieval.Reranking;

namespace Agents.Evaluation.Tasks;

/// <summary>
/// Tool selection with the model retriever (<see cref="ModelToolRetriever"/> re-ranking a hybrid BM25 + embedding
/// shortlist) on a tool-selection data set (<c>agents data tools</c>) through <see cref="ToolSelectionEvaluator"/>:
/// the accuracy is top-1. The retriever builds its own chat options, so the model options are added by a
/// <see cref="ModelOptionsChatClient"/>; only queries with an image are affected by pruning.
/// </summary>
/// <param name="dataFile">The data set (<c>{"tools": [...], "queries": [...]}</c>).</param>
/// <param name="embeddings">The embedding generator of the hybrid shortlist (e.g. MiniLM); not owned.</param>
/// <param name="limit">Score only the first N queries; null for all.</param>
/// <param name="retrieverOptions">The model retriever's options; null for its defaults.</param>
/// <param name="loggers">Loggers, or null.</param>
public sealed class ToolSelectionModelTask(string dataFile, IEmbeddingGenerator<string, Embedding<float>> embeddings, int? limit = null, ModelToolRetrieverOptions? retrieverOptions = null, ILoggerFactory? loggers = null) : IModelEvaluationTask
{
    private readonly string _dataFile = dataFile ?? throw new ArgumentNullException(nameof(dataFile));
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
    private readonly ILoggerFactory _loggers = loggers ?? NullLoggerFactory.Instance;
    private ToolDataset? _dataset;

    /// <inheritdoc />
    public string Name => "tools";

    /// <inheritdoc />
    public string Metric => "top-1 accuracy (model retriever)";

    /// <inheritdoc />
    public async Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(modelOptions);
        _dataset ??= ToolDatasetReader.Read(_dataFile);

        // Not disposed: disposing a delegating client disposes the shared model client under it.
        var withOptions = new ModelOptionsChatClient(client, modelOptions);
        var retriever = new ModelToolRetriever(withOptions, new HybridToolRetriever(_embeddings), retrieverOptions, _loggers.CreateLogger<ModelToolRetriever>());
        var evaluator = new ToolSelectionEvaluator(retriever, new ToolEvaluatorOptions { TopK = 1, Limit = limit }, _loggers.CreateLogger<ToolSelectionEvaluator>());
        var evaluation = await evaluator.EvaluateAsync(_dataset, _dataFile, cancellationToken: cancellationToken).ConfigureAwait(false);
        var overall = evaluation.Overall;
        return new ModelTaskScore(overall.Count == 0 ? 0 : overall.Top1, overall.Count);
    }
}
