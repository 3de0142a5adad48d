// VisionZip: S. Yang et al., "VisionZip: Longer is Better but Not Necessary in Vision Language Models", CVPR 2025,
// arXiv:2412.04467, github.com/dvlab-research/VisionZip.
// Details implemented. Dominant tokens (paper Sec. 2.3, Algorithm 1): the tokens with the highest attention in the
// vision encoder's feature layer: the head-mean [CLS] attention to each patch when the encoder has [CLS] (the paper's
// choice for CLIP), otherwise the attention each token receives averaged over heads and queries (the paper's choice
// for SigLIP, which has no [CLS]); ties keep the lower index (ours; torch.topk leaves them unspecified). Contextual
// tokens (Algorithm 2): the remaining tokens, in raster order, are split into targets, taken uniformly (every
// step-th remaining token from the first, step = max(1, remaining / contextual), the first `contextual` of them, as
// the reference code does), and the rest; each of the rest joins its most similar target (argmax; ties: the lower
// target place, as torch.argmax); each target becomes one row. Budget split (reference README,
// visionzip(model, dominant=54, contextual=10) for 64 tokens): a contextual share of 10/64, see
// DefaultContextualFraction.
// Deviations, all documented on the type: (1) similarity is the cosine of the feature rows, not of the attention keys
// of the feature layer (the selection context carries no keys); (2) a contextual row is the plain mean of its target
// and the tokens that joined it, as the paper describes the merge (an average); the reference code instead adds the
// target row to the mean of the joined rows; (3) the reference keeps the [CLS] row as one of the dominant tokens
// (dominant=54 is [CLS] + 53 patches), while LLaVA-style features here have no [CLS] row, so all dominant tokens are
// patches; (4) order: the reference puts dominant rows first and contextual rows after them; here every row takes the
// position of its source token (a contextual row that of its target) and rows come out in raster order.
using System;
using System.Globalization;
using System.Linq;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// VisionZip: keeps the dominant tokens (top-k by the encoder's attention) and merges the remaining tokens into a few
/// contextual tokens by similarity, <c>Budget</c> rows in all, in raster order of their source positions.
/// </summary>
/// <remarks>
/// <para>
/// Dominant signal: the head-mean [CLS] attention of the feature layer (the configured layer, else the highest layer the
/// package exports) when the context has [CLS] attention; otherwise
/// <see cref="VisualTokenSelectionContext.ReceivedAttention"/> (encoders without [CLS], e.g. Qwen2.5-VL's). A context
/// with neither is an error. Equal scores keep the lower index.
/// </para>
/// <para>
/// Contextual tokens: of the remaining tokens in raster order, every <c>max(1, remaining / contextual)</c>-th from the
/// first is a target (the first <c>contextual</c> of them); every other remaining token joins the target whose feature
/// row is most cosine-similar (equal similarities: the earlier target), and each contextual row is the mean of its
/// target and the tokens that joined it, placed at the target's position.
/// </para>
/// <para>
/// Deviations from the paper and its code: similarity is the cosine of the feature rows, because the selection context
/// carries the features but not the encoder's attention keys, which the paper compares; a contextual row is the mean of
/// its whole group (the paper's description), where the reference code adds the target row to the mean of the joined
/// rows; the features carry no [CLS] row, so every dominant token is a patch (the reference counts [CLS] as one of its
/// dominant tokens); rows keep raster order instead of dominant-then-contextual.
/// </para>
/// <para>
/// Budget split: <c>contextual = round(Budget * ContextualFraction)</c> (halves away from zero), at most
/// <c>Budget - 1</c>; the rest are dominant. The default fraction 10/64 gives the reference's 54 + 10 for 64 tokens.
/// With the whole budget (<c>Budget = TokenCount</c>) every token is kept unchanged. Needs no [CLS] attention when the
/// package outputs received attention. Thread-safe (stateless).
/// </para>
/// </remarks>
public sealed class VisionZipSelector : IVisualTokenSelector
{
    /// <summary>
    /// The default share of the budget given to contextual tokens: 10/64 = 0.15625, the reference's 54 dominant + 10
    /// contextual tokens for LLaVA-1.5 at 64 tokens (README, <c>visionzip(model, dominant=54, contextual=10)</c>); the
    /// same share gives 108 + 20 at 128 and 162 + 30 at 192.
    /// </summary>
    public const double DefaultContextualFraction = 10.0 / 64;

    private const string Method = "VisionZip";

    private readonly double _contextualFraction;
    private readonly int? _featureLayer;

    /// <summary>Creates the selector.</summary>
    /// <param name="contextualFraction">The share of the budget made of contextual (merged) tokens, in [0, 1); default <see cref="DefaultContextualFraction"/>. 0 keeps dominant tokens only.</param>
    /// <param name="featureLayer">The 0-based encoder layer whose [CLS] attention scores the dominant tokens; null (default) takes the highest layer the package exports. Not used with received attention.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public VisionZipSelector(double contextualFraction = DefaultContextualFraction, int? featureLayer = null)
    {
        if (!(contextualFraction >= 0 && contextualFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(contextualFraction), contextualFraction, "The contextual fraction must be in [0, 1).");
        }

        if (featureLayer is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLayer), featureLayer, "The feature layer must be a 0-based encoder layer index.");
        }

        _contextualFraction = contextualFraction;
        _featureLayer = featureLayer;
    }

    /// <inheritdoc />
    public string Name => "visionzip";

    /// <summary>Gets the share of the budget made of contextual tokens.</summary>
    public double ContextualFraction => _contextualFraction;

    /// <summary>
    /// Returns how a budget below the token count is split: <c>Contextual = round(budget * ContextualFraction)</c>
    /// (halves away from zero), at most <c>budget - 1</c>, and <c>Dominant = budget - Contextual</c> (at least 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is below 1.</exception>
    public (int Dominant, int Contextual) SplitBudget(int budget)
    {
        if (budget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be at least 1.");
        }

        var contextual = (int)Math.Min(budget - 1, Math.Round(budget * _contextualFraction, MidpointRounding.AwayFromZero));
        return (budget - contextual, contextual);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// The context has neither [CLS] attention nor received attention, the configured [CLS] layer is missing, or an
    /// attention row does not hold one value per token.
    /// </exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, Method);
        int n = context.TokenCount, width = context.FeatureWidth, budget = context.Budget;
        if (budget == n)
        {
            return VisualTokenSelection.FromIndices(SelectionChecks.All(n));
        }

        // VisionZip dominant tokens: top-k by the encoder's attention ([CLS] row, else received attention).
        var (dominantCount, contextualCount) = SplitBudget(budget);
        var dominant = ScoreRanking.TopSortedByIndex(DominantScores(context), dominantCount);
        if (contextualCount == 0)
        {
            return VisualTokenSelection.FromIndices(dominant);
        }

        var isDominant = new bool[n];
        foreach (var i in dominant)
        {
            isDominant[i] = true;
        }

        var remaining = Enumerable.Range(0, n).Where(i => !isDominant[i]).ToArray();

        // VisionZip targets: uniform over the remaining tokens, step = max(1, remaining / contextual), first C kept.
        var step = Math.Max(1, remaining.Length / contextualCount);
        var isTarget = new bool[remaining.Length];
        var targets = new int[contextualCount];
        for (var t = 0; t < contextualCount; t++)
        {
            isTarget[t * step] = true;
            targets[t] = remaining[t * step];
        }

        var others = remaining.Where((_, place) => !isTarget[place]).ToArray();
        var assignment = AssignToTargets(context.Features.Span, width, targets, others);

        // Each contextual row is the mean of its target and the tokens that joined it (sums in double).
        var features = context.Features.Span;
        var sums = new double[contextualCount * width];
        var sizes = new int[contextualCount];
        for (var t = 0; t < contextualCount; t++)
        {
            Accumulate(sums.AsSpan(t * width, width), features.Slice(targets[t] * width, width));
            sizes[t] = 1;
        }

        for (var o = 0; o < others.Length; o++)
        {
            var t = assignment[o];
            Accumulate(sums.AsSpan(t * width, width), features.Slice(others[o] * width, width));
            sizes[t]++;
        }

        // Rows in raster order of their positions: dominant tokens copied, targets replaced by their group means.
        var targetOf = new int[n];
        Array.Fill(targetOf, -1);
        for (var t = 0; t < contextualCount; t++)
        {
            targetOf[targets[t]] = t;
        }

        var positions = dominant.Concat(targets).ToArray();
        Array.Sort(positions);
        var rows = new float[positions.Length * width];
        for (var r = 0; r < positions.Length; r++)
        {
            var row = rows.AsSpan(r * width, width);
            var t = targetOf[positions[r]];
            if (t < 0)
            {
                features.Slice(positions[r] * width, width).CopyTo(row);
                continue;
            }

            for (var c = 0; c < width; c++)
            {
                row[c] = (float)(sums[t * width + c] / sizes[t]);
            }
        }

        return VisualTokenSelection.FromFeatures(rows, positions, width);
    }

    private ReadOnlySpan<float> DominantScores(VisualTokenSelectionContext context)
    {
        if (context.ClsAttention.Count > 0)
        {
            var layer = ClsAttentionScores.FeatureLayer(context, _featureLayer, Method);
            return ClsAttentionScores.Row(context, layer, Method);
        }

        if (!context.ReceivedAttention.IsEmpty)
        {
            if (context.ReceivedAttention.Length != context.TokenCount)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Method}: the received attention has {context.ReceivedAttention.Length} values, expected one per visual token ({context.TokenCount})."));
            }

            return context.ReceivedAttention.Span;
        }

        // The context has no received attention, so the list leaves out visionzip itself.
        var others = ClsAttentionScores.MethodsWithout(context);
        throw new InvalidOperationException(
            $"{Method} needs the vision encoder's [CLS] attention or the attention each token receives, but the model package outputs neither "
            + "(no [CLS] attention outputs, no received-attention output); rebuild the package with --cls-attention-layers if its encoder has a [CLS] token, "
            + $"or use a method that needs only the features: {string.Join(", ", others)}.");
    }

    /// <summary>Returns, per token of <paramref name="others"/>, the place of its most cosine-similar target (ties: the lower place).</summary>
    private static int[] AssignToTargets(ReadOnlySpan<float> features, int width, int[] targets, int[] others)
    {
        var assignment = new int[others.Length];
        if (others.Length == 0)
        {
            return assignment;
        }

        var cosine = new float[others.Length * targets.Length];
        FeatureGeometry.Products(UnitRows(features, width, others), others.Length, UnitRows(features, width, targets), targets.Length, width, cosine);
        for (var o = 0; o < others.Length; o++)
        {
            var row = cosine.AsSpan(o * targets.Length, targets.Length);
            var best = 0;
            for (var t = 1; t < row.Length; t++)
            {
                if (row[t] > row[best])
                {
                    best = t;
                }
            }

            assignment[o] = best;
        }

        return assignment;
    }

    private static float[] UnitRows(ReadOnlySpan<float> features, int width, int[] tokens)
    {
        var rows = new float[tokens.Length * width];
        for (var r = 0; r < tokens.Length; r++)
        {
            features.Slice(tokens[r] * width, width).CopyTo(rows.AsSpan(r * width, width));
        }

        return FeatureGeometry.UnitRows(rows, tokens.Length, width);
    }

    private static void Accumulate(Span<double> sum, ReadOnlySpan<float> row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            sum[c] += row[c];
        }
    }
}
