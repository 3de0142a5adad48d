using System;
using System.Diagnostics.CodeAnalysis;

namespace Plugins.Affect.Emotions;

/// <summary>
/// The outcome of strictly parsing one model answer: the value, or the reason the answer was refused. A refused answer
/// is never repaired or guessed at.
/// </summary>
/// <typeparam name="T">The parsed record.</typeparam>
public sealed class EmotionParseResult<T>
    where T : class
{
    private EmotionParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Gets the parsed value, or <see langword="null"/> when the answer was refused.</summary>
    public T? Value { get; }

    /// <summary>Gets why the answer was refused (e.g. <c>"label 'happy' is not in set semeval-ec"</c>), or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the answer parsed.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Value is not null;

    /// <summary>A parsed answer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static EmotionParseResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A refused answer.</summary>
    /// <param name="error">Why it was refused.</param>
    /// <returns>The result.</returns>
    public static EmotionParseResult<T> Fail(string error) => new(null, string.IsNullOrEmpty(error) ? "refused" : error);
}
