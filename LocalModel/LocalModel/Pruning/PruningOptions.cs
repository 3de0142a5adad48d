using System;
using LocalModel.Pruning.PreLlm;

namespace LocalModel.Pruning;

/// <summary>
/// Training-free visual-token pruning settings: the method, the per-image budget and each method's parameters. Read
/// by <see cref="VisualTokenSelectors.Create(string, PruningOptions)"/>, which copies what it needs: changing an
/// instance afterwards does not affect selectors already created. Not thread-safe to mutate.
/// </summary>
public sealed class PruningOptions
{
    /// <summary>Gets or sets the method name (see <see cref="VisualTokenSelectors.MethodNames"/>). Default <c>"none"</c>.</summary>
    public string Method { get; set; } = "none";

    /// <summary>Gets or sets the tokens kept per image; null (default) keeps all (the method still runs, e.g. pooling).</summary>
    public VisualTokenBudget? Budget { get; set; }

    /// <summary>
    /// Gets or sets the 0-based encoder layer whose [CLS] attention scores the tokens (FasterVLM, FoPru, adaptive mass, VisionZip)
    /// and that ends the VTC-CLS range; null (default) takes the highest layer the package exports.
    /// </summary>
    public int? FeatureLayer { get; set; }

    /// <summary>Gets or sets the first layer VTC-CLS sums; null (default) sums every exported layer up to the feature layer.</summary>
    public int? VtcClsStartLayer { get; set; }

    /// <summary>
    /// Gets or sets the window side used by the <c>pool</c> method: 2, 4 or 8, or <see cref="GridPoolingSelector.GlobalFactor"/>
    /// (0) for one global token. Default 2. The <c>pool-NxN</c> and <c>pool-global</c> names fix their own factor.
    /// </summary>
    public int PoolingFactor { get; set; } = 2;

    /// <summary>Gets or sets the seed of the <c>random</c> baseline (combined with each image's index). Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Gets or sets the fraction of [CLS] attention mass <c>adaptive-mass</c> keeps, in (0, 1]. Default 0.9.</summary>
    public double MassFraction { get; set; } = 0.9;

    /// <summary>Gets or sets the fewest tokens <c>adaptive-mass</c> keeps (at least 1). Default 1.</summary>
    public int MassMinTokens { get; set; } = 1;

    /// <summary>Gets or sets the most tokens <c>adaptive-mass</c> keeps; null (default) leaves the budget as the maximum.</summary>
    public int? MassMaxTokens { get; set; }

    /// <summary>
    /// Gets or sets the share of the budget <c>visionzip</c> gives to contextual (merged) tokens, in [0, 1); the rest
    /// are dominant tokens. Default <see cref="VisionZipSelector.DefaultContextualFraction"/> (10/64 = 0.15625, the
    /// paper's 54 dominant + 10 contextual at 64 tokens). 0 keeps dominant tokens only.
    /// </summary>
    public double VisionZipContextualFraction { get; set; } = VisionZipSelector.DefaultContextualFraction;

    /// <summary>Gets or sets whether kept tokens keep their original positions instead of contiguous ones (maps to <c>GenerationRequest.KeepOriginalPositions</c>). Default false.</summary>
    public bool KeepOriginalPositions { get; set; }

    /// <summary>
    /// Gets or sets the decoder layers in-LLM methods prune at: FastV's K (one layer) or PyramidDrop's stage ends.
    /// Null (default): FastV uses layer 2 when the package has a stage there, else its first stage boundary;
    /// PyramidDrop uses every stage boundary of the package except FastV's layer 2 when other boundaries exist.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<int>? LlmLayers { get; set; }

    /// <summary>Returns a copy.</summary>
    public PruningOptions Clone() => (PruningOptions)MemberwiseClone();

    /// <summary>Throws naming the first invalid setting. <see cref="Method"/> may also name a reserved in-LLM method.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or the method is unknown.</exception>
    public void Validate()
    {
        if (Method is null || !VisualTokenSelectors.IsKnown(Method))
        {
            throw new ArgumentException($"Unknown pruning method '{Method}'; use one of: {string.Join(", ", VisualTokenSelectors.MethodNames)} (reserved for in-LLM methods: {string.Join(", ", VisualTokenSelectors.InLlmMethodNames)}).", nameof(Method));
        }

        ValidateParameters();
    }

    /// <summary>Throws naming the first invalid setting other than <see cref="Method"/>.</summary>
    internal void ValidateParameters()
    {
        if (FeatureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FeatureLayer), FeatureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        if (VtcClsStartLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(VtcClsStartLayer), VtcClsStartLayer, "The VTC-CLS start layer must be a 0-based encoder layer index.");
        }

        if (VtcClsStartLayer is { } start && FeatureLayer is { } end && start > end)
        {
            throw new ArgumentOutOfRangeException(nameof(VtcClsStartLayer), VtcClsStartLayer, $"The VTC-CLS start layer must not be after the feature layer ({end}).");
        }

        if (PoolingFactor is not (GridPoolingSelector.GlobalFactor or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(PoolingFactor), PoolingFactor, "The pooling factor must be 2, 4, 8, or 0 for global pooling.");
        }

        if (!(MassFraction > 0 && MassFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MassFraction), MassFraction, "The mass fraction must be in (0, 1].");
        }

        if (!(VisionZipContextualFraction >= 0 && VisionZipContextualFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(VisionZipContextualFraction), VisionZipContextualFraction, "The VisionZip contextual fraction must be in [0, 1).");
        }

        if (MassMinTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MassMinTokens), MassMinTokens, "The minimum token count must be at least 1.");
        }

        if (MassMaxTokens is { } max && max < MassMinTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(MassMaxTokens), MassMaxTokens, $"The maximum token count must be at least the minimum ({MassMinTokens}).");
        }
    }
}
