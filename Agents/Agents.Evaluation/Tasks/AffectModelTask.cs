using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Affect.Evaluation;

namespace Agents.Evaluation.Tasks;

/// <summary>Face emotion: the visual emotion reader on a faces data set (<c>agents data faces</c>); accuracy over the labels, unusable answers wrong.</summary>
/// <param name="dataFolder">The faces data folder (holds <c>faces.jsonl</c>).</param>
/// <param name="limit">At most this many faces, or null for all.</param>
public sealed class AffectModelTask(string dataFolder, int? limit = null) : IModelEvaluationTask
{
    private readonly string _dataFolder = dataFolder ?? throw new ArgumentNullException(nameof(dataFolder));

    /// <inheritdoc />
    public string Name => "affect";

    /// <inheritdoc />
    public string Metric => "face emotion accuracy";

    /// <inheritdoc />
    public async Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(modelOptions);

        // Not disposed: disposing a delegating client disposes the shared model client under it.
        var withOptions = new ModelOptionsChatClient(client, modelOptions);
        var evaluator = new VisualEmotionEvaluator(withOptions, new VisualEmotionEvaluatorOptions { Limit = limit });
        var evaluation = await evaluator.EvaluateAsync(_dataFolder, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ModelTaskScore(evaluation.Accuracy, evaluation.Count);
    }
}
