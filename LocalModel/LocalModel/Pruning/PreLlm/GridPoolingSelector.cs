// M3: M. Cai et al., "Matryoshka Multimodal Models", arXiv:2405.17430 (2024), github.com/mu-cai/matryoshka-mm.
// Detail implemented: the visual tokens, laid out on their GridHeight x GridWidth patch grid, are average-pooled with
// a square window and equal stride (M3 pools LLaVA's 24x24 grid by 1, 2, 4, 8, 24 into 576/144/36/9/1 tokens); the
// global variant averages the whole grid into one token. Only the pooling is reproduced: M3's trained weights are
// what make few tokens work well, so with stock LLaVA weights this is a training-free baseline.
// Choices (ours): a grid not divisible by the factor ends in partial windows, each averaged over the cells it
// covers; pooled rows come out in raster order of the windows; each row's position is the top-left source index of
// its window. The factor is fixed; the budget only validates (the pooled count must not exceed it).
using System;
using System.Globalization;
using LocalModel.Selection;

namespace LocalModel.Pruning.PreLlm;

/// <summary>
/// M3-style average pooling of the patch grid with a square window (factor 2, 4, 8, ...) or over the whole grid
/// (global, one token). Output: ceil(H/f) x ceil(W/f) pooled rows in raster order, each at the position of its
/// window's top-left patch; partial edge windows average the cells they cover. The budget is not used to choose the
/// factor: a pooled count above the budget is an error. Needs no [CLS] attention. Thread-safe (stateless).
/// </summary>
public sealed class GridPoolingSelector : IVisualTokenSelector
{
    /// <summary>The factor value that means "pool the whole grid into one token".</summary>
    public const int GlobalFactor = 0;

    private readonly int _factor;

    /// <summary>Creates the selector.</summary>
    /// <param name="factor">The window side in patches (e.g. 2, 4, 8), or <see cref="GlobalFactor"/> (0) for one global token.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is negative.</exception>
    public GridPoolingSelector(int factor)
    {
        if (factor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The pooling factor must be a positive window side, or 0 for global pooling.");
        }

        _factor = factor;
    }

    /// <summary>Gets the window side in patches, or <see cref="GlobalFactor"/> for global pooling.</summary>
    public int Factor => _factor;

    /// <inheritdoc />
    public string Name => _factor == GlobalFactor ? "pool-global" : string.Create(CultureInfo.InvariantCulture, $"pool-{_factor}x{_factor}");

    /// <summary>Returns how many pooled tokens this selector makes of a grid.</summary>
    /// <param name="gridHeight">The grid height in patches.</param>
    /// <param name="gridWidth">The grid width in patches.</param>
    public int PooledCount(int gridHeight, int gridWidth)
    {
        var (h, w) = Windows(gridHeight, gridWidth);
        return h * w;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The grid does not hold the tokens, or the pooled count exceeds the budget.</exception>
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        SelectionChecks.Validate(context, Name);
        SelectionChecks.ValidateGrid(context, Name);
        int height = context.GridHeight, width = context.GridWidth, c = context.FeatureWidth;
        var (windowsDown, windowsAcross) = Windows(height, width);
        var count = windowsDown * windowsAcross;
        if (count > context.Budget)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name} makes {count} tokens of the {height}x{width} grid, more than the budget {context.Budget}; raise the budget or choose a coarser pooling."), nameof(context));
        }

        int windowHeight = _factor == GlobalFactor ? height : _factor, windowWidth = _factor == GlobalFactor ? width : _factor;
        var features = context.Features.Span;
        var rows = new float[count * c];
        var positions = new int[count];
        var sum = new double[c];
        for (var wy = 0; wy < windowsDown; wy++)
        {
            for (var wx = 0; wx < windowsAcross; wx++)
            {
                Array.Clear(sum);
                int top = wy * windowHeight, left = wx * windowWidth;
                int bottom = Math.Min(top + windowHeight, height), right = Math.Min(left + windowWidth, width);

                // M3: average pooling over the window (partial windows: over the cells that exist).
                for (var y = top; y < bottom; y++)
                {
                    for (var x = left; x < right; x++)
                    {
                        var row = features.Slice((y * width + x) * c, c);
                        for (var k = 0; k < c; k++)
                        {
                            sum[k] += row[k];
                        }
                    }
                }

                var cells = (bottom - top) * (right - left);
                var output = wy * windowsAcross + wx;
                for (var k = 0; k < c; k++)
                {
                    rows[output * c + k] = (float)(sum[k] / cells);
                }

                positions[output] = top * width + left;
            }
        }

        return VisualTokenSelection.FromFeatures(rows, positions, c);
    }

    private (int Down, int Across) Windows(int gridHeight, int gridWidth) =>
        _factor == GlobalFactor ? (1, 1) : ((gridHeight + _factor - 1) / _factor, (gridWidth + _factor - 1) / _factor);
}
