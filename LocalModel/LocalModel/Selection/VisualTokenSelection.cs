using System;

namespace LocalModel.Selection;

/// <summary>
/// What a <see cref="IVisualTokenSelector"/> keeps of one image: either indices of original tokens (their features
/// are copied), or new feature rows (merged or pooled tokens) each with the original token index whose position it
/// takes when original positions are kept.
/// </summary>
public sealed class VisualTokenSelection
{
    private VisualTokenSelection(int[] sourceIndices, float[]? features)
    {
        SourceIndices = sourceIndices;
        Features = features;
    }

    /// <summary>Gets, per kept row, the original token index (for copied tokens) or the representative original index (for merged rows), in prompt order.</summary>
    public int[] SourceIndices { get; }

    /// <summary>Gets the new feature rows (row-major, <c>[Count, FeatureWidth]</c>), or null when the rows are copies of <see cref="SourceIndices"/>.</summary>
    public float[]? Features { get; }

    /// <summary>Gets the number of kept rows.</summary>
    public int Count => SourceIndices.Length;

    /// <summary>Keeps original tokens, in the given order.</summary>
    public static VisualTokenSelection FromIndices(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new VisualTokenSelection(indices, null);
    }

    /// <summary>Replaces the tokens with new rows (merged, pooled), each placed at the position of <paramref name="positions"/>[row].</summary>
    /// <exception cref="ArgumentException">The feature array does not hold <c>positions.Length</c> rows.</exception>
    public static VisualTokenSelection FromFeatures(float[] features, int[] positions, int featureWidth)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(positions);
        if (featureWidth <= 0 || features.Length != positions.Length * featureWidth)
        {
            throw new ArgumentException($"{features.Length} feature values do not make {positions.Length} rows of width {featureWidth}.", nameof(features));
        }

        return new VisualTokenSelection(positions, features);
    }
}
