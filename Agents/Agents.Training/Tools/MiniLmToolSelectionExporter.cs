using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LocalModel.Embeddings;

namespace Agents.Training.Tools;

/// <summary>
/// <see cref="ToolSelectionExporter"/> with the hybrid shortlister of <c>agents eval tools</c> over a MiniLM embedder
/// it creates for each export and disposes when the export ends (the form <c>agents data train --tasks tools=N</c> runs).
/// </summary>
public sealed class MiniLmToolSelectionExporter : ITrainingTaskExporter
{
    private readonly ToolSelectionExportOptions? _options;

    /// <summary>Creates the exporter.</summary>
    /// <param name="options">The settings, or null for the defaults.</param>
    public MiniLmToolSelectionExporter(ToolSelectionExportOptions? options = null)
    {
        options?.Validate();
        _options = options;
        if (options is not null)
        {
            Tasks = [.. new[] { options.Rerank ? ToolSelectionExporter.RerankTask : null, options.Call ? ToolSelectionExporter.CallTask : null }.OfType<string>()];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Tasks { get; } = [ToolSelectionExporter.RerankTask, ToolSelectionExporter.CallTask];

    /// <inheritdoc />
    public async IAsyncEnumerable<TrainingSample> ExportAsync(TrainingExportContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var embedder = new MiniLmEmbeddingGenerator();
        var exporter = new ToolSelectionExporter(embedder, _options);
        await foreach (var sample in exporter.ExportAsync(context, cancellationToken).ConfigureAwait(false))
        {
            yield return sample;
        }
    }
}
