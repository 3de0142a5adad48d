using System;
using System.Globalization;
using System.Text.Json.Serialization;

namespace LocalModel.Chat;

/// <summary>
/// How many visual tokens of each image to keep: a count (<c>64</c>) or a percentage of the image's tokens
/// (<c>"25%"</c>). In JSON a number or a string. The <see langword="default"/> value holds no budget.
/// </summary>
[JsonConverter(typeof(VisualTokenBudgetJsonConverter))]
public readonly record struct VisualTokenBudget
{
    private VisualTokenBudget(int count, double percent)
    {
        Count = count;
        Percent = percent;
    }

    /// <summary>Gets the token count, or 0 when the budget is a percentage.</summary>
    public int Count { get; }

    /// <summary>Gets the percentage (in (0, 100]), or 0 when the budget is a count.</summary>
    public double Percent { get; }

    /// <summary>Gets whether the budget is a percentage.</summary>
    public bool IsPercent => Percent > 0;

    /// <summary>A budget of <paramref name="count"/> tokens per image.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not positive.</exception>
    public static VisualTokenBudget FromCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new VisualTokenBudget(count, 0);
    }

    /// <summary>A budget of <paramref name="percent"/> percent of each image's tokens (at least one token).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is not in (0, 100].</exception>
    public static VisualTokenBudget FromPercent(double percent)
    {
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentage must be in (0, 100].");
        }

        return new VisualTokenBudget(0, percent);
    }

    /// <summary>Parses <c>64</c> or <c>25%</c>.</summary>
    /// <exception cref="FormatException">The text is neither a positive integer nor a percentage in (0, 100].</exception>
    public static VisualTokenBudget Parse(string text) =>
        TryParse(text, out var budget)
            ? budget
            : throw new FormatException($"'{text}' is not a visual token budget: expected a positive token count (\"64\") or a percentage in (0, 100] (\"25%\").");

    /// <summary>Parses <c>64</c> or <c>25%</c>.</summary>
    public static bool TryParse(string? text, out VisualTokenBudget budget)
    {
        budget = default;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        if (s.EndsWith('%'))
        {
            if (double.TryParse(s.AsSpan(0, s.Length - 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100)
            {
                budget = new VisualTokenBudget(0, percent);
                return true;
            }

            return false;
        }

        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            budget = new VisualTokenBudget(count, 0);
            return true;
        }

        return false;
    }

    /// <summary>The number of tokens to keep of an image with <paramref name="tokensPerImage"/> tokens (at least 1, at most all).</summary>
    public int Resolve(int tokensPerImage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerImage);
        if (!IsPercent && Count == 0)
        {
            throw new InvalidOperationException("This is the default VisualTokenBudget, which holds no budget; create one with FromCount, FromPercent or Parse.");
        }

        var n = IsPercent ? (int)Math.Ceiling(tokensPerImage * Percent / 100.0) : Count;
        return Math.Clamp(n, 1, tokensPerImage);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsPercent ? Percent.ToString("0.###", CultureInfo.InvariantCulture) + "%" : Count.ToString(CultureInfo.InvariantCulture);
}
