// Uniform baseline (spatially uniform subsampling, a reference point for attention-based selection).
// Detail implemented (ours): Budget tokens evenly spaced over the raster order, token i of k being the one at the
// centre of the i-th of k equal stretches: floor((2i + 1) N / 2k). Deterministic; distinct because N/k >= 1.
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// Baseline: keeps <c>Budget</c> tokens evenly spaced over the raster order (index <c>floor((2i+1)N/(2k))</c> for
/// <c>i = 0..k-1</c>), ascending. Deterministic; needs no [CLS] attention. Thread-safe (stateless).
/// </summary>
public sealed class UniformGridSelector : IVisualTokenSelector
{
    /// <inheritdoc />
    public string Name => "uniform";

    /// <inheritdoc />
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, "Uniform");
        long n = context.TokenCount, k = context.Budget;
        var keep = new int[k];
        for (var i = 0; i < k; i++)
        {
            keep[i] = (int)((2 * i + 1) * n / (2 * k));
        }

        return VisualTokenSelection.FromIndices(keep);
    }
}
