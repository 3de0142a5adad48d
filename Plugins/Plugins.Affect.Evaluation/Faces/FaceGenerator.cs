using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Plugins.Affect.Evaluation.Faces;

/// <summary>
/// The seeded face generator. Item <c>i</c> of (split, seed) has label <c>Labels[i mod 7]</c> (balanced) and every
/// other parameter drawn from a SplitMix64 stream of (split, seed, i), so the same (split, seed, count) always gives
/// the same faces. Held-out faces differ from training faces twice over: their stream is salted by the split (so a
/// held-out seed never repeats a training face even with the same number), and each uses at least one style element
/// training never uses: the <c>squircle</c> head shape and/or the <c>dusk</c> background palette. Thread-safe.
/// </summary>
public static class FaceGenerator
{
    /// <summary>The split name of training faces.</summary>
    public const string TrainSplit = "train";

    /// <summary>The split name of held-out faces.</summary>
    public const string HeldOutSplit = "heldout";

    /// <summary>The head shape only held-out faces use.</summary>
    public const string HeldOutShape = FaceDesigner.HeldOutShape;

    /// <summary>The background palette only held-out faces use.</summary>
    public const string HeldOutPalette = "dusk";

    /// <summary>Designs item <paramref name="index"/> of a split and seed.</summary>
    /// <param name="split"><see cref="TrainSplit"/> or <see cref="HeldOutSplit"/>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="index">The item index (0-based).</param>
    /// <returns>The record (image path <c>images/&lt;id&gt;.png</c>) and the SVG.</returns>
    /// <exception cref="ArgumentException">The split is unknown or the index negative.</exception>
    public static FaceItem Design(string split, int seed, int index)
    {
        var spec = DesignSpec(split, seed, index);
        var id = string.Create(CultureInfo.InvariantCulture, $"{split}-{seed}-{index:D6}");
        var record = new FaceRecord(id, $"images/{id}.png", spec.Label, spec.Clues, split, spec.Style);
        return new FaceItem(record, FaceSvg.Render(spec), spec.Size);
    }

    /// <summary>Designs and renders item <paramref name="index"/>.</summary>
    /// <param name="renderer">The Chromium renderer.</param>
    /// <param name="split"><see cref="TrainSplit"/> or <see cref="HeldOutSplit"/>.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="index">The item index.</param>
    /// <param name="cancellationToken">Cancels the rendering.</param>
    /// <returns>The item and its PNG bytes.</returns>
    public static async Task<(FaceItem Item, byte[] Png)> RenderAsync(FaceRenderer renderer, string split, int seed, int index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        var item = Design(split, seed, index);
        var png = await renderer.RenderAsync(item.Svg, item.Size, cancellationToken).ConfigureAwait(false);
        return (item, png);
    }

    internal static FaceSpec DesignSpec(string split, int seed, int index)
    {
        var heldOut = IsHeldOut(split);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var label = FaceEmotions.Labels[index % FaceEmotions.Labels.Count];
        return FaceDesigner.Design(label, FaceRandom.For(seed, index, heldOut ? 0xD1B54A32D192ED03UL : 0x9E3779B97F4A7C15UL), heldOut);
    }

    private static bool IsHeldOut(string split) => split switch
    {
        TrainSplit => false,
        HeldOutSplit => true,
        _ => throw new ArgumentException($"The split '{split}' is unknown; use '{TrainSplit}' or '{HeldOutSplit}'.", nameof(split)),
    };
}
