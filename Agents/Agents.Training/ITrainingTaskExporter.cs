using System.Collections.Generic;
using System.Threading;

namespace Agents.Training;

/// <summary>Produces the training examples of one task (e.g. GUI grounding) for a split and seed.</summary>
public interface ITrainingTaskExporter
{
    /// <summary>Gets the task names this exporter writes (the <see cref="TrainingSample.Task"/> values).</summary>
    IReadOnlyList<string> Tasks { get; }

    /// <summary>Streams the examples; the count and seed come from <paramref name="context"/>.</summary>
    /// <param name="context">The split, seed, size and scratch folder.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The examples, in a deterministic order for a given context.</returns>
    IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, CancellationToken cancellationToken = default);
}
