using System;

namespace LocalModel.Constrained;

/// <summary>
/// Caps that keep constrained JSON finite, so a model that never closes a string, number, array or nesting is forced
/// to (once a cap is reached only the closing bytes are allowed). Validated by <see cref="Validate"/> when a
/// constraint is built. Not thread-safe to mutate; constraints copy what they need.
/// </summary>
public sealed class JsonGrammarOptions
{
    /// <summary>
    /// Gets or sets the most characters (Unicode scalar values, an escape counting as one) of any string, keys
    /// included; a schema's <c>maxLength</c> can only lower it. Default 512.
    /// </summary>
    public int MaxStringLength { get; set; } = 512;

    /// <summary>Gets or sets the most bytes of a number (sign, digits, point, exponent). Default 32; 2..64.</summary>
    public int MaxNumberLength { get; set; } = 32;

    /// <summary>
    /// Gets or sets the most items of an array and members of an object without declared properties; a schema's
    /// <c>maxItems</c> can only lower it. Default 64.
    /// </summary>
    public int MaxArrayItems { get; set; } = 64;

    /// <summary>
    /// Gets or sets how deeply free JSON values (schema <c>{}</c>, or no schema) may nest: such a value may open an
    /// object or array only while the recogniser's stack (one level per enclosing container, plus two inside a tool
    /// call) is at most this deep. Default 16.
    /// </summary>
    public int MaxDepth { get; set; } = 16;

    /// <summary>Gets or sets the most whitespace bytes (space, tab, CR, LF) before the JSON value or the first tool call. Default 4.</summary>
    public int MaxLeadingWhitespace { get; set; } = 4;

    /// <summary>
    /// Gets or sets what is told when a schema keyword is relaxed (not enforced): a keyword outside the supported subset,
    /// a <c>pattern</c> outside the regex subset, an unknown <c>format</c>, or a contradiction the grammar cannot honour.
    /// Called once per keyword and schema location while a constraint is built; null (default) for nobody.
    /// A schema never fails because of such a keyword: the value is constrained to the keyword's base type instead.
    /// </summary>
    public Action<SchemaRelaxation>? SchemaRelaxed { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxStringLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNumberLength, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxNumberLength, 64);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxArrayItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxLeadingWhitespace);
    }

    /// <summary>Returns a copy, so a constraint is unaffected by later changes to the caller's instance.</summary>
    internal JsonGrammarOptions Clone() => (JsonGrammarOptions)MemberwiseClone();
}
