using System;
using System.Collections.Generic;

namespace LocalModel.Selection;

/// <summary>What a <see cref="IVisualTokenSelector"/> sees of one image.</summary>
public sealed class VisualTokenSelectionContext
{
    /// <summary>Gets the features, row-major <c>[TokenCount, FeatureWidth]</c> (before the projector, or after when the package's vision graph projects).</summary>
    public required ReadOnlyMemory<float> Features { get; init; }

    /// <summary>Gets the number of visual tokens.</summary>
    public required int TokenCount { get; init; }

    /// <summary>Gets the width of one feature row.</summary>
    public required int FeatureWidth { get; init; }

    /// <summary>Gets the head-mean [CLS] attention rows to the patches (<c>TokenCount</c> values each), by 0-based encoder layer; empty when the package has none.</summary>
    public required IReadOnlyDictionary<int, ReadOnlyMemory<float>> ClsAttention { get; init; }

    /// <summary>
    /// Gets the attention each token receives, averaged over heads and queries (<c>TokenCount</c> values; VisionZip's
    /// dominant-token signal for encoders without [CLS]), or empty when the package's vision graph does not output it.
    /// Qwen2.5-VL packages output it from the last full-attention block, per merged token.
    /// </summary>
    public ReadOnlyMemory<float> ReceivedAttention { get; init; }

    /// <summary>Gets the token grid height (for merged tokens, the merged grid).</summary>
    public required int GridHeight { get; init; }

    /// <summary>Gets the token grid width (for merged tokens, the merged grid).</summary>
    public required int GridWidth { get; init; }

    /// <summary>Gets the number of tokens to keep (at most <see cref="TokenCount"/>).</summary>
    public required int Budget { get; init; }

    /// <summary>Gets the 0-based index of the image in the request.</summary>
    public int ImageIndex { get; init; }
}
