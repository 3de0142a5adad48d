using System;
using System.Globalization;

namespace LocalModel.Pruning;

/// <summary>
/// How many visual tokens to keep per image: an absolute count (<c>"64"</c>), a percentage (<c>"25%"</c>) or a
/// fraction (<c>"0.25"</c>). A fraction or percentage resolves against the image's token count by rounding to the
/// nearest integer, halves away from zero (25% of 576 = 144; 11.1% of 576 = 63.94 -> 64), then clamping to
/// <c>[1, total]</c>; a count above the total is clamped to the total. Immutable and thread-safe.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(VisualTokenBudgetJsonConverter))]
public sealed class VisualTokenBudget : IEquatable<VisualTokenBudget>
{
    /// <summary>The accepted forms, for messages.</summary>
    public const string AcceptedForms = "a token count (\"64\"), a percentage in (0%, 100%] (\"25%\") or a fraction in (0, 1] written with a decimal point (\"0.25\")";

    private VisualTokenBudget(int? count, double? fraction)
    {
        Count = count;
        Fraction = fraction;
    }

    /// <summary>Gets the absolute count, or null when the budget is relative.</summary>
    public int? Count { get; }

    /// <summary>Gets the kept fraction in (0, 1], or null when the budget is an absolute count.</summary>
    public double? Fraction { get; }

    /// <summary>Gets the budget that keeps every token (<c>100%</c>).</summary>
    public static VisualTokenBudget All { get; } = new(null, 1.0);

    /// <summary>Creates an absolute budget.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static VisualTokenBudget FromCount(int count) =>
        count >= 1 ? new VisualTokenBudget(count, null) : throw new ArgumentOutOfRangeException(nameof(count), count, "A visual token budget keeps at least 1 token.");

    /// <summary>Creates a relative budget.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1].</exception>
    public static VisualTokenBudget FromFraction(double fraction) =>
        fraction > 0 && fraction <= 1 ? new VisualTokenBudget(null, fraction) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A visual token fraction must be in (0, 1].");

    /// <summary>
    /// Parses <c>"64"</c> (count: digits only), <c>"25%"</c> (percentage) or <c>"0.25"</c> (fraction: has a decimal
    /// point); invariant culture, surrounding spaces ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The text is none of the accepted forms, or out of range.</exception>
    public static VisualTokenBudget Parse(string text) =>
        TryParse(text, out var budget) ? budget : throw new ArgumentException($"'{text}' is not a visual token budget; use {AcceptedForms}.", nameof(text));

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out VisualTokenBudget budget)
    {
        budget = All;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        const NumberStyles Decimal = NumberStyles.AllowDecimalPoint;
        if (s.EndsWith('%'))
        {
            if (!double.TryParse(s.AsSpan(0, s.Length - 1), Decimal, CultureInfo.InvariantCulture, out var percent) || !(percent > 0 && percent <= 100))
            {
                return false;
            }

            budget = new VisualTokenBudget(null, percent / 100);
            return true;
        }

        if (s.Contains('.', StringComparison.Ordinal))
        {
            if (!double.TryParse(s, Decimal, CultureInfo.InvariantCulture, out var fraction) || !(fraction > 0 && fraction <= 1))
            {
                return false;
            }

            budget = new VisualTokenBudget(null, fraction);
            return true;
        }

        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return false;
        }

        budget = new VisualTokenBudget(count, null);
        return true;
    }

    /// <summary>Returns the number of tokens to keep of <paramref name="total"/>: in <c>[1, total]</c>, rounded as the type describes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="total"/> is below 1.</exception>
    public int Resolve(int total)
    {
        if (total < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "The token total must be at least 1.");
        }

        var kept = Count ?? (int)Math.Round(Fraction!.Value * total, MidpointRounding.AwayFromZero);
        return Math.Clamp(kept, 1, total);
    }

    /// <summary>Describes a result the way the papers report budgets: <c>"Retain 64 (-88.9%)"</c>.</summary>
    /// <param name="kept">The tokens kept.</param>
    /// <param name="total">The tokens before selection.</param>
    public static string Describe(int kept, int total) =>
        total <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"Retain {kept}")
            : string.Create(CultureInfo.InvariantCulture, $"Retain {kept} (-{100.0 * (total - kept) / total:0.0}%)");

    /// <summary>Returns the budget in the form it parses from (<c>"64"</c> or <c>"25%"</c>).</summary>
    public override string ToString() =>
        Count is { } c ? c.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Fraction!.Value * 100:0.####}%");

    /// <inheritdoc />
    public bool Equals(VisualTokenBudget? other) => other is not null && Count == other.Count && Fraction == other.Fraction;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VisualTokenBudget);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, Fraction);
}
