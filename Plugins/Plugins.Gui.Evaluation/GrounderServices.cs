using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Plugins.Gui.Grounding.Coordinates;
using Plugins.Gui.Grounding.Hybrid;
using Plugins.Gui.Grounding.Ocr;

namespace Plugins.Gui.Evaluation;

/// <summary>What <see cref="GrounderFactory"/> builds grounders from; each grounder uses only what it needs. None is owned.</summary>
public sealed record GrounderServices
{
    /// <summary>Text embeddings for the <c>dom</c> grounder's semantic matching; null for lexical matching only.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>The OCR engine of the <c>ocr</c> and <c>hybrid</c> grounders.</summary>
    public IOcrEngine? Ocr { get; init; }

    /// <summary>The vision model of the <c>vision</c> and <c>hybrid</c> grounders.</summary>
    public IChatClient? ChatClient { get; init; }

    /// <summary>
    /// How the vision model of the <c>vision</c> and <c>hybrid</c> grounders writes coordinates; null (the default) takes
    /// the local model's own when <see cref="ChatClient"/> is one (<see cref="LocalModelCoordinates.FromChatClient"/>: its
    /// package's <c>coordinates</c>), else the 0-999 grid. Either replaces <see cref="HybridGrounderOptions.Coordinates"/>.
    /// </summary>
    public ICoordinateConvention? Coordinates { get; init; }

    /// <summary>Loggers for the grounders; null for none.</summary>
    public ILoggerFactory? Loggers { get; init; }

    /// <summary>Gets the hybrid grounder's options (null: the defaults), e.g. the mark numbering a model was trained with.</summary>
    public HybridGrounderOptions? Hybrid { get; init; }
}
