// Random baseline (used as a reference point in the token-pruning papers, e.g. FasterVLM's and DivPrune's tables).
// Detail implemented: a uniform random subset of Budget tokens (partial Fisher-Yates shuffle), returned sorted.
// Determinism (ours): the generator is System.Random seeded with a SplitMix64 mix of (seed, image index), so a given
// seed reproduces the same subset per image and different images of one request get different subsets.
using System;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// Baseline: keeps a uniformly random subset of <c>Budget</c> tokens, sorted by index. Reproducible: the subset is a
/// function of the seed, the image index and the token count. Thread-safe (a generator per call).
/// </summary>
public sealed class RandomSelector : IVisualTokenSelector
{
    private readonly int _seed;

    /// <summary>Creates the selector.</summary>
    /// <param name="seed">The seed; combined with the image index per image.</param>
    public RandomSelector(int seed)
    {
        _seed = seed;
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "Random");
        var random = new Random(MixSeed(_seed, context.ImageIndex));
        var order = SelectionChecks.All(context.TokenCount);
        for (var i = 0; i < context.Budget; i++)
        {
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var keep = order.AsSpan(0, context.Budget).ToArray();
        Array.Sort(keep);
        return VisualTokenSelection.FromIndices(keep);
    }

    private static int MixSeed(int seed, int imageIndex)
    {
        // SplitMix64 finaliser over (seed, image index).
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)imageIndex) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return unchecked((int)(uint)z);
    }
}
