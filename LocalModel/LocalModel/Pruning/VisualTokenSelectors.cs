using System;
using System.Collections.Generic;
using System.Linq;
using LocalModel.Pruning.PreLlm;
using LocalModel.Selection;

namespace LocalModel.Pruning;

/// <summary>
/// The registry of pre-LLM visual-token selectors by method name (case-insensitive, surrounding spaces ignored).
/// <c>fastv</c> and <c>pyramiddrop</c> are reserved for the in-LLM methods: they are known names but not selectors.
/// Thread-safe.
/// </summary>
public static class VisualTokenSelectors
{
    private static readonly (string Name, bool NeedsClsAttention, string Description)[] Methods =
    {
        ("none", false, "keep every visual token"),
        ("fastervlm", true, "FasterVLM: top-k by [CLS] attention of the feature layer, raster order"),
        ("vtc-cls", true, "VTC-CLS: top-k by [CLS] attention summed over layers up to the feature layer, sorted"),
        ("fopru-rank", true, "FoPru rank: global top-k by encoder attention significance, original order"),
        ("fopru-row", true, "FoPru row (our reading, unverified): best whole grid rows, then the next row's best tokens"),
        ("divprune", false, "DivPrune: greedy max-min diversity on cosine distance, sorted"),
        ("bipartite-merge", false, "ToMe/AIM bipartite merging by cosine similarity, size-weighted means"),
        ("visionzip", false, "VisionZip: top-k by [CLS] (else received) attention plus contextual tokens merged by cosine similarity, raster order"),
        ("pool", false, "M3-style grid average pooling with PoolingFactor"),
        ("pool-2x2", false, "M3-style grid average pooling, 2x2 windows"),
        ("pool-4x4", false, "M3-style grid average pooling, 4x4 windows"),
        ("pool-8x8", false, "M3-style grid average pooling, 8x8 windows"),
        ("pool-global", false, "M3-style global average pooling to one token"),
        ("random", false, "baseline: seeded uniform random subset, sorted"),
        ("uniform", false, "baseline: evenly spaced tokens in raster order"),
        ("adaptive-mass", true, "ours: fewest tokens reaching a fraction of the [CLS] attention mass, bounded"),
    };

    private static readonly string[] InLlm = { "fastv", "pyramiddrop" };

    /// <summary>The description every in-LLM method name reports.</summary>
    public const string InLlmDescription = "in-LLM; not a pre-LLM selector";

    /// <summary>Gets the pre-LLM method names <see cref="Create(string, PruningOptions)"/> accepts.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = Methods.Select(m => m.Name).ToArray();

    /// <summary>
    /// Gets the pre-LLM methods that run on a package without [CLS] attention (every method whose
    /// <see cref="NeedsClsAttention(string)"/> is false, except <c>none</c>), in registry order. <c>visionzip</c> is among
    /// them: without [CLS] it ranks by the received attention the package outputs (Qwen2.5-VL packages do).
    /// </summary>
    public static IReadOnlyList<string> MethodsWithoutClsAttention { get; } = Methods.Where(m => !m.NeedsClsAttention && m.Name != "none").Select(m => m.Name).ToArray();

    /// <summary>Gets the names reserved for methods that run inside the language model (not selectors).</summary>
    public static IReadOnlyList<string> InLlmMethodNames { get; } = InLlm;

    /// <summary>Returns whether <paramref name="method"/> names an in-LLM method (<c>fastv</c>, <c>pyramiddrop</c>).</summary>
    public static bool IsInLlmMethod(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return InLlm.Contains(Normalize(method), StringComparer.Ordinal);
    }

    /// <summary>Returns whether <paramref name="method"/> is a registered name: a pre-LLM method or a reserved in-LLM one.</summary>
    public static bool IsKnown(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = Normalize(method);
        return InLlm.Contains(name, StringComparer.Ordinal) || MethodNames.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>Returns whether the pre-LLM method needs the package's [CLS] attention outputs.</summary>
    /// <exception cref="ArgumentException">The name is unknown or in-LLM.</exception>
    public static bool NeedsClsAttention(string method) => Find(method).NeedsClsAttention;

    /// <summary>Returns a one-line description; for <c>fastv</c> and <c>pyramiddrop</c>, <see cref="InLlmDescription"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static string Describe(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return IsInLlmMethod(method) ? InLlmDescription : Find(method).Description;
    }

    /// <summary>
    /// Creates the selector for <paramref name="method"/> (not <see cref="PruningOptions.Method"/>) from the parameters in
    /// <paramref name="options"/>, which are validated and copied.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown or in-LLM, or an option is invalid.</exception>
    public static IVisualTokenSelector Create(string method, PruningOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var name = Find(method).Name;
        options.ValidateParameters();
        return name switch
        {
            "none" => KeepAllVisualTokenSelector.Instance,
            "fastervlm" => new FasterVlmSelector(options.FeatureLayer),
            "vtc-cls" => new VtcClsSelector(options.VtcClsStartLayer, options.FeatureLayer),
            "fopru-rank" => new FoPruRankSelector(options.FeatureLayer),
            "fopru-row" => new FoPruRowSelector(options.FeatureLayer),
            "divprune" => new DivPruneSelector(),
            "bipartite-merge" => new BipartiteMergeSelector(),
            "visionzip" => new VisionZipSelector(options.VisionZipContextualFraction, options.FeatureLayer),
            "pool" => new GridPoolingSelector(options.PoolingFactor),
            "pool-2x2" => new GridPoolingSelector(2),
            "pool-4x4" => new GridPoolingSelector(4),
            "pool-8x8" => new GridPoolingSelector(8),
            "pool-global" => new GridPoolingSelector(GridPoolingSelector.GlobalFactor),
            "random" => new RandomSelector(options.Seed),
            "uniform" => new UniformGridSelector(),
            "adaptive-mass" => new AdaptiveMassSelector(options.MassFraction, options.MassMinTokens, options.MassMaxTokens, options.FeatureLayer),
            _ => throw new InvalidOperationException($"Method '{name}' is registered without a factory."),
        };
    }

    /// <summary>Creates the selector for <see cref="PruningOptions.Method"/> (the options are validated first).</summary>
    /// <exception cref="ArgumentException">The method is unknown or in-LLM, or an option is invalid.</exception>
    public static IVisualTokenSelector Create(PruningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Create(options.Method, options);
    }

    private static (string Name, bool NeedsClsAttention, string Description) Find(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = Normalize(method);
        if (InLlm.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{method}' is {InLlmDescription}: it prunes inside the language model, not between the vision encoder and the projector.", nameof(method));
        }

        foreach (var m in Methods)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        throw new ArgumentException($"Unknown pruning method '{method}'; use one of: {string.Join(", ", MethodNames)} (reserved for in-LLM methods: {string.Join(", ", InLlm)}).", nameof(method));
    }

    private static string Normalize(string method) => method.Trim().ToLowerInvariant();
}
