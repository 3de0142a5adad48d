using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Grounding.Ocr;

namespace Agents.Evaluation.Tasks;

/// <summary>What a <see cref="ModelTaskDefinition"/> builds its task from: the data folder and the shared services (not owned by the tasks).</summary>
public sealed record ModelTaskContext
{
    /// <summary>The data folder (layout: see <see cref="ModelTaskCatalog"/>).</summary>
    public required string DataFolder { get; init; }

    /// <summary>Score only the first N records of each task; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// Gets whether the hybrid grounder numbers its marks in reading order (the setting a model was trained with; the
    /// embedded default model: true, <c>agents eval model --mark-order reading</c>); false numbers them in the matcher's rank order.
    /// </summary>
    public bool MarksInReadingOrder { get; init; }

    /// <summary>The text embeddings (MiniLM) for the tasks whose definition says <see cref="ModelTaskDefinition.NeedsEmbeddings"/>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>The OCR engine for the tasks whose definition says <see cref="ModelTaskDefinition.NeedsOcr"/>.</summary>
    public IOcrEngine? Ocr { get; init; }

    /// <summary>The Chromium executable; null to find it.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>Loggers, or null.</summary>
    public ILoggerFactory? Loggers { get; init; }
}
