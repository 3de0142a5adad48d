using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LocalModel.Selection;

namespace LocalModel.Pruning;

/// <summary>Reads the head-mean [CLS] attention rows of a <see cref="VisualTokenSelectionContext"/> for the attention-based selectors.</summary>
internal static class ClsAttentionScores
{
    /// <summary>
    /// Returns the feature layer: <paramref name="configuredLayer"/> when set (it must be present), otherwise the highest
    /// layer present (the layer whose output LLaVA takes as features, when the package exports it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The package has no [CLS] attention, or not the configured layer.</exception>
    public static int FeatureLayer(VisualTokenSelectionContext context, int? configuredLayer, string method)
    {
        RequireAny(context, method);
        if (configuredLayer is { } layer)
        {
            RequireLayer(context, layer, method);
            return layer;
        }

        return context.ClsAttention.Keys.Max();
    }

    /// <summary>Returns one layer's row, checked to hold <c>TokenCount</c> values.</summary>
    public static ReadOnlySpan<float> Row(VisualTokenSelectionContext context, int layer, string method)
    {
        RequireLayer(context, layer, method);
        var row = context.ClsAttention[layer];
        if (row.Length != context.TokenCount)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{method}: the [CLS] attention of layer {layer} has {row.Length} values, expected one per visual token ({context.TokenCount})."));
        }

        return row.Span;
    }

    /// <summary>
    /// Throws the standard message when the package exported no [CLS] attention: how to get it, and the methods that run
    /// without it on this context (<c>visionzip</c> only when the context has received attention).
    /// </summary>
    public static void RequireAny(VisualTokenSelectionContext context, string method)
    {
        if (context.ClsAttention.Count == 0)
        {
            throw new InvalidOperationException(
                $"{method} needs the vision encoder's [CLS] attention, but the model package has no [CLS] attention outputs; rebuild the package with "
                + $"--cls-attention-layers (e.g. the feature layer) if its encoder has a [CLS] token, or use a method that needs none: {string.Join(", ", MethodsWithout(context))}.");
        }
    }

    /// <summary>Returns the pre-LLM methods that run on <paramref name="context"/> without [CLS] attention.</summary>
    public static IEnumerable<string> MethodsWithout(VisualTokenSelectionContext context) =>
        VisualTokenSelectors.MethodsWithoutClsAttention.Where(m => m != "visionzip" || !context.ReceivedAttention.IsEmpty);

    /// <summary>Returns the layers present, ascending, as text (for messages).</summary>
    public static string Present(IReadOnlyDictionary<int, ReadOnlyMemory<float>> attention) =>
        string.Join(", ", attention.Keys.OrderBy(k => k).Select(k => k.ToString(CultureInfo.InvariantCulture)));

    private static void RequireLayer(VisualTokenSelectionContext context, int layer, string method)
    {
        RequireAny(context, method);
        if (!context.ClsAttention.ContainsKey(layer))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{method} needs the [CLS] attention of encoder layer {layer}, but the model package has it for layers {Present(context.ClsAttention)} only; rebuild the package with --cls-attention-layers including {layer}, or configure a layer it has."));
        }
    }
}
