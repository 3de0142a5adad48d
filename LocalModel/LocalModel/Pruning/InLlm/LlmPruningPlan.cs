using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LocalModel.Pruning.InLlm;

/// <summary>
/// Visual-token pruning inside the language model, on a package with staged decoder graphs
/// (<c>agents model build --stages</c>). At each step's layer, the attention of the last prompt token to the visual
/// tokens still present (head mean, at the layer before) ranks them, and the lowest-ranked are dropped from all later
/// layers; text tokens always stay. Decoding afterwards uses each stage's own cache length.
/// </summary>
public sealed record LlmPruningPlan
{
    /// <summary>Gets the pruning points, in increasing layer order.</summary>
    public required IReadOnlyList<LlmPruningStep> Steps { get; init; }

    /// <summary>Gets whether kept tokens keep their original positions (FastV) or are re-indexed contiguously per stage (PyramidDrop).</summary>
    public bool KeepOriginalPositions { get; init; }

    /// <summary>
    /// Gets whether dropped tokens are masked out of later layers (kept in the cache with attention mask 0) instead
    /// of being removed. Computes the same result more slowly; a reference for tests.
    /// </summary>
    public bool MaskInsteadOfDrop { get; init; }

    /// <summary>Gets the method name for usage and logs.</summary>
    public string Name { get; init; } = "llm-pruning";

    /// <summary>
    /// FastV (Chen et al., 2024): after layer <paramref name="layer"/>, drop the fraction <paramref name="dropRatio"/>
    /// of image tokens with the least attention from the last token; original positions are kept. The paper's
    /// setting is K = 2, R = 50%.
    /// </summary>
    public static LlmPruningPlan FastV(int layer = 2, double dropRatio = 0.5) =>
        new() { Steps = new[] { new LlmPruningStep(layer, 1 - dropRatio) }, KeepOriginalPositions = true, Name = "fastv" };

    /// <summary>
    /// PyramidDrop (Xing et al., 2024): at the end of each stage keep <paramref name="ratio"/> of the remaining image
    /// tokens, ranked by the last instruction token's attention; positions re-indexed. The paper uses stages ending
    /// at layers 8, 16, 24 of 32 with ratio 0.5 (576 -> 288 -> 144 -> 72).
    /// </summary>
    public static LlmPruningPlan PyramidDrop(IReadOnlyList<int> layers, double ratio = 0.5)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return new() { Steps = layers.Select(l => new LlmPruningStep(l, ratio)).ToList(), KeepOriginalPositions = false, Name = "pyramiddrop" };
    }

    /// <summary>Throws naming the first invalid value, or a layer that is not one of <paramref name="stageBoundaries"/>.</summary>
    /// <exception cref="ArgumentException">The plan does not fit the package.</exception>
    public void Validate(IReadOnlyList<int> stageBoundaries)
    {
        ArgumentNullException.ThrowIfNull(stageBoundaries);
        if (Steps is null || Steps.Count == 0)
        {
            throw new ArgumentException("An in-LLM pruning plan needs at least one step.", nameof(Steps));
        }

        if (stageBoundaries.Count == 0)
        {
            throw new ArgumentException("In-LLM pruning needs a package with staged decoder graphs; the package has none.");
        }

        var previous = 0;
        foreach (var step in Steps)
        {
            if (!stageBoundaries.Contains(step.Layer))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"In-LLM pruning at layer {step.Layer} is not possible: the package's decoder stages start at layers {string.Join(", ", stageBoundaries)}."));
            }

            if (step.Layer <= previous)
            {
                throw new ArgumentException("In-LLM pruning steps must be in increasing layer order.", nameof(Steps));
            }

            if (double.IsNaN(step.KeepFraction) || step.KeepFraction < 0 || step.KeepFraction > 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Keep fraction {step.KeepFraction} at layer {step.Layer} is outside [0, 1]."), nameof(Steps));
            }

            previous = step.Layer;
        }
    }
}
