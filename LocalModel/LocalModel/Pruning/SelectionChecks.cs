using System;
using System.Globalization;
using LocalModel.Selection;

namespace LocalModel.Pruning;

/// <summary>Checks a <see cref="VisualTokenSelectionContext"/> before a selector reads it.</summary>
internal static class SelectionChecks
{
    /// <summary>Throws unless the context's counts, budget and feature buffer agree.</summary>
    public static void Validate(VisualTokenSelectionContext context, string method)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenCount <= 0 || context.FeatureWidth <= 0)
        {
            throw new ArgumentException(Format($"{method}: the context has {context.TokenCount} tokens of width {context.FeatureWidth}; both must be positive."), nameof(context));
        }

        if (context.Budget < 1 || context.Budget > context.TokenCount)
        {
            throw new ArgumentException(Format($"{method}: the budget {context.Budget} must be between 1 and the token count {context.TokenCount}."), nameof(context));
        }

        if (context.Features.Length != context.TokenCount * context.FeatureWidth)
        {
            throw new ArgumentException(Format($"{method}: the features hold {context.Features.Length} values, expected {context.TokenCount} x {context.FeatureWidth}."), nameof(context));
        }
    }

    /// <summary>Throws unless the grid shape covers exactly the tokens (for methods that read the grid).</summary>
    public static void ValidateGrid(VisualTokenSelectionContext context, string method)
    {
        if (context.GridHeight <= 0 || context.GridWidth <= 0 || context.GridHeight * context.GridWidth != context.TokenCount)
        {
            throw new ArgumentException(Format($"{method}: the grid {context.GridHeight}x{context.GridWidth} does not hold the {context.TokenCount} tokens."), nameof(context));
        }
    }

    /// <summary>Returns the indices <c>0..count-1</c>.</summary>
    public static int[] All(int count)
    {
        var all = new int[count];
        for (var i = 0; i < count; i++)
        {
            all[i] = i;
        }

        return all;
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
