using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Plugins.Gui.Evaluation;

namespace Agents.Evaluation.Tasks;

/// <summary>
/// GUI grounding with the model (<c>vision</c> or <c>hybrid</c> grounder, see <see cref="GrounderFactory"/>) on page
/// tasks (<c>tasks.jsonl</c>, pages rendered in Chromium) through <see cref="GroundingEvaluator"/>: the accuracy is
/// point-in-box over all records. The model options reach the grounder as <see cref="GroundingEvaluatorOptions.ModelOptions"/>.
/// </summary>
public sealed class GroundingModelTask : IModelEvaluationTask
{
    private readonly string _grounder;
    private readonly string _dataFile;
    private readonly GrounderServices _services;
    private readonly int? _limit;
    private readonly string? _chromiumPath;
    private IReadOnlyList<ObservedGroundingTask>? _observed;

    /// <summary>Creates the task.</summary>
    /// <param name="grounder"><c>vision</c> or <c>hybrid</c>.</param>
    /// <param name="dataFile">The page tasks (<c>tasks.jsonl</c>) or ScreenSpot records (<c>.json</c>).</param>
    /// <param name="services">Embeddings, OCR and loggers for the grounder; its chat client is replaced by the model under test.</param>
    /// <param name="limit">Score only the first N records; null for all.</param>
    /// <param name="chromiumPath">The Chromium executable; null to find it.</param>
    /// <exception cref="ArgumentException">The grounder does not use a model.</exception>
    public GroundingModelTask(string grounder, string dataFile, GrounderServices? services = null, int? limit = null, string? chromiumPath = null)
    {
        ArgumentNullException.ThrowIfNull(grounder);
        ArgumentNullException.ThrowIfNull(dataFile);
        if (!GrounderFactory.NeedsModel(grounder))
        {
            throw new ArgumentException($"The grounder '{grounder}' does not use the model; the sweep scores vision and hybrid only.", nameof(grounder));
        }

        _grounder = grounder;
        _dataFile = dataFile;
        _services = services ?? new GrounderServices();
        _limit = limit;
        _chromiumPath = chromiumPath;
    }

    /// <inheritdoc />
    public string Name => "grounding-" + _grounder;

    /// <inheritdoc />
    public string Metric => "point-in-box accuracy";

    /// <inheritdoc />
    public async Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(modelOptions);
        var grounder = GrounderFactory.Create(_grounder, _services with { ChatClient = client });
        var options = new GroundingEvaluatorOptions
        {
            Limit = _limit,
            ChromiumPath = _chromiumPath,
            ModelOptions = modelOptions.Count == 0 ? null : new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary(modelOptions) },
            WarmUp = false,
            KeepScreenshots = false,
        };
        var loggers = _services.Loggers ?? NullLoggerFactory.Instance;
        var evaluator = new GroundingEvaluator(grounder, options, loggers.CreateLogger<GroundingEvaluator>());

        // The pages are rendered and observed once; every cell of the sweep grounds on the same observations.
        _observed ??= await evaluator.ObservePageTasksAsync(_dataFile, cancellationToken).ConfigureAwait(false);
        var evaluation = await evaluator.EvaluateObservedAsync(_observed, _dataFile, cancellationToken: cancellationToken).ConfigureAwait(false);
        var overall = evaluation.Overall;
        return new ModelTaskScore(overall.Count == 0 ? 0 : overall.Accuracy, overall.Count);
    }
}
