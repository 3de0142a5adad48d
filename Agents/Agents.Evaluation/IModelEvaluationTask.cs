using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agents.Evaluation;

/// <summary>
/// One evaluation the sweep runs at every pruning method and budget: it scores a model on its own
/// data with the given model options and returns the headline accuracy. Adding a task to <c>agents eval model</c>
/// is one class implementing this interface plus its line in <see cref="Tasks.ModelTaskCatalog"/>.
/// </summary>
public interface IModelEvaluationTask
{
    /// <summary>The task's name in tables, plots and <c>--tasks</c>, e.g. <c>grounding-vision</c>.</summary>
    string Name { get; }

    /// <summary>What the accuracy measures, e.g. <c>point-in-box accuracy</c>.</summary>
    string Metric { get; }

    /// <summary>Scores the model once.</summary>
    /// <param name="client">The model under test (not owned; never disposed by the task).</param>
    /// <param name="modelOptions">
    /// Keys for <c>ChatOptions.AdditionalProperties</c> of every request the task sends (<c>pruning_method</c>,
    /// <c>visual_token_budget</c>); empty for the full budget. The task must not modify it.
    /// </param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The accuracy in [0, 1] and the number of records scored.</returns>
    Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default);
}
