namespace LocalModel.Selection;

/// <summary>Keeps every visual token in raster order (no pruning); the budget is ignored.</summary>
public sealed class KeepAllVisualTokenSelector : IVisualTokenSelector
{
    /// <summary>Gets the shared instance.</summary>
    public static KeepAllVisualTokenSelector Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public VisualTokenSelection Select(VisualTokenSelectionContext context)
    {
        System.ArgumentNullException.ThrowIfNull(context);
        var all = new int[context.TokenCount];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return VisualTokenSelection.FromIndices(all);
    }
}
