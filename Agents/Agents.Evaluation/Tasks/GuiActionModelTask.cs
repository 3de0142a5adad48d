using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Plugins.Gui.Evaluation.Flows;

namespace Agents.Evaluation.Tasks;

/// <summary>
/// GUI actions on held-out flows (<c>agents data flows</c>): with <paramref name="endToEnd"/> false the share of
/// teacher-forced steps whose next action is right; with true the share of flows completed by the act-observe loop in
/// Chromium (the model's own actions, checked on the final page).
/// </summary>
/// <param name="dataFolder">The flows data folder.</param>
/// <param name="endToEnd">Score completed flows instead of steps.</param>
/// <param name="limit">At most this many flows, or null for all.</param>
/// <param name="chromiumPath">The Chromium executable, or null to find Debian's.</param>
public sealed class GuiActionModelTask(string dataFolder, bool endToEnd, int? limit = null, string? chromiumPath = null) : IModelEvaluationTask
{
    private readonly string _dataFolder = dataFolder ?? throw new ArgumentNullException(nameof(dataFolder));

    /// <inheritdoc />
    public string Name => endToEnd ? "actions-e2e" : "actions";

    /// <inheritdoc />
    public string Metric => endToEnd ? "held-out flows completed end to end" : "GUI action steps right (teacher-forced)";

    /// <inheritdoc />
    public async Task<ModelTaskScore> RunAsync(IChatClient client, IReadOnlyDictionary<string, object?> modelOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(modelOptions);

        // Not disposed: disposing a delegating client disposes the shared model client under it.
        var withOptions = new ModelOptionsChatClient(client, modelOptions);
        var evaluator = new GuiActionEvaluator(new GuiActionEvaluatorOptions { Limit = limit ?? 0, EndToEnd = endToEnd, ChromiumPath = chromiumPath });
        var evaluation = await evaluator.EvaluateAsync(withOptions, _dataFolder, cancellationToken).ConfigureAwait(false);
        return endToEnd
            ? new ModelTaskScore(evaluation.CompletionRate, evaluation.Flows)
            : new ModelTaskScore(evaluation.StepAccuracy, evaluation.Steps);
    }
}
