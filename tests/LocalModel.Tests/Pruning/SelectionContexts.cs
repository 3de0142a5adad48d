using System;
using System.Collections.Generic;
using LocalModel.Selection;

namespace LocalModel.Tests.Pruning;

/// <summary>Builds small hand-made selection contexts.</summary>
internal static class SelectionContexts
{
    /// <summary>A grid of one-value features (value = index) with the given [CLS] attention rows.</summary>
    public static VisualTokenSelectionContext WithAttention(int height, int width, int budget, params (int Layer, float[] Row)[] attention)
    {
        var features = new float[height * width];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = i;
        }

        return Create(height, width, 1, features, budget, attention);
    }

    /// <summary>A grid of the given feature rows (row-major) without [CLS] attention.</summary>
    public static VisualTokenSelectionContext WithFeatures(int height, int width, int featureWidth, float[] features, int budget) =>
        Create(height, width, featureWidth, features, budget);

    /// <summary>A grid of the given feature rows (row-major) with received attention (and [CLS] attention rows if given).</summary>
    public static VisualTokenSelectionContext WithReceivedAttention(int height, int width, int featureWidth, float[] features, int budget, float[] received, params (int Layer, float[] Row)[] attention)
    {
        var context = Create(height, width, featureWidth, features, budget, attention);
        return new VisualTokenSelectionContext
        {
            Features = context.Features,
            TokenCount = context.TokenCount,
            FeatureWidth = context.FeatureWidth,
            ClsAttention = context.ClsAttention,
            ReceivedAttention = received,
            GridHeight = context.GridHeight,
            GridWidth = context.GridWidth,
            Budget = context.Budget,
        };
    }

    public static VisualTokenSelectionContext Create(int height, int width, int featureWidth, float[] features, int budget, (int Layer, float[] Row)[]? attention = null, int imageIndex = 0)
    {
        var cls = new Dictionary<int, ReadOnlyMemory<float>>();
        foreach (var (layer, row) in attention ?? Array.Empty<(int, float[])>())
        {
            cls[layer] = row;
        }

        return new VisualTokenSelectionContext
        {
            Features = features,
            TokenCount = height * width,
            FeatureWidth = featureWidth,
            ClsAttention = cls,
            GridHeight = height,
            GridWidth = width,
            Budget = budget,
            ImageIndex = imageIndex,
        };
    }

    /// <summary>A grid with pseudo-random features and [CLS] attention for layers 0 and 1 (fixed seed).</summary>
    public static VisualTokenSelectionContext Random(int height, int width, int featureWidth, int budget, int seed = 7, int imageIndex = 0)
    {
        var random = new System.Random(seed);
        var n = height * width;
        var features = new float[n * featureWidth];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var l0 = new float[n];
        var l1 = new float[n];
        for (var i = 0; i < n; i++)
        {
            l0[i] = (float)random.NextDouble();
            l1[i] = (float)random.NextDouble();
        }

        return Create(height, width, featureWidth, features, budget, new[] { (0, l0), (1, l1) }, imageIndex);
    }

    /// <summary>The same context with another budget.</summary>
    public static VisualTokenSelectionContext WithBudget(this VisualTokenSelectionContext context, int budget) => new()
    {
        Features = context.Features,
        TokenCount = context.TokenCount,
        FeatureWidth = context.FeatureWidth,
        ClsAttention = context.ClsAttention,
        ReceivedAttention = context.ReceivedAttention,
        GridHeight = context.GridHeight,
        GridWidth = context.GridWidth,
        Budget = budget,
        ImageIndex = context.ImageIndex,
    };
}
