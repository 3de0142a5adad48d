using System;
using System.Collections.Generic;
using System.Linq;

namespace Plugins.Affect.Emotions;

/// <summary>
/// A fixed, named set of emotion labels a model must choose from. Immutable and thread-safe. Labels are stored
/// lower-case and looked up case-insensitively; the order given is kept (it is the order of the schema's enum and of
/// the prompt's list).
/// </summary>
public sealed class EmotionLabelSet
{
    /// <summary>The longest label accepted, in characters.</summary>
    public const int MaxLabelLength = 32;

    private readonly HashSet<string> _lookup;

    private EmotionLabelSet(string name, string[] labels)
    {
        Name = name;
        Labels = Array.AsReadOnly(labels);
        _lookup = new HashSet<string>(labels, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Gets the eleven emotions of SemEval-2018 Task 1 E-c (multi-label classification of tweets), the set EmoLLMs
    /// uses: anger, anticipation, disgust, fear, joy, love, optimism, pessimism, sadness, surprise, trust. The default.
    /// </summary>
    public static EmotionLabelSet SemEvalEc { get; } = new("semeval-ec", ["anger", "anticipation", "disgust", "fear", "joy", "love", "optimism", "pessimism", "sadness", "surprise", "trust"]);

    /// <summary>Gets Ekman's six basic emotions: anger, disgust, fear, joy (happiness), sadness, surprise.</summary>
    public static EmotionLabelSet Ekman { get; } = new("ekman", ["anger", "disgust", "fear", "joy", "sadness", "surprise"]);

    /// <summary>
    /// Gets the ArtEmis art-emotion set for images: amusement, awe, contentment, excitement, anger, disgust, fear,
    /// sadness, and "something else".
    /// </summary>
    public static EmotionLabelSet ArtEmis { get; } = new("artemis", ["amusement", "awe", "contentment", "excitement", "anger", "disgust", "fear", "sadness", "something else"]);

    /// <summary>Gets the set's name (e.g. <c>semeval-ec</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the labels, lower-case, in their given order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the number of labels.</summary>
    public int Count => Labels.Count;

    /// <summary>
    /// Creates a custom set. Labels are trimmed and lower-cased; each must be 1..<see cref="MaxLabelLength"/>
    /// characters of letters, digits, spaces, hyphens or apostrophes, and unique (ignoring case).
    /// </summary>
    /// <param name="name">The set's name (not empty).</param>
    /// <param name="labels">Two or more labels.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">The name is empty, there are fewer than two labels, a label is malformed or repeated.</exception>
    public static EmotionLabelSet Create(string name, IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The label set needs a name, e.g. \"my-emotions\".", nameof(name));
        }

        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in labels)
        {
            var label = (raw ?? string.Empty).Trim().ToLowerInvariant();
            if (label.Length is 0 or > MaxLabelLength || !label.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '\''))
            {
                throw new ArgumentException($"The label '{raw}' of set '{name}' is not 1..{MaxLabelLength} letters, digits, spaces, hyphens or apostrophes.", nameof(labels));
            }

            if (!seen.Add(label))
            {
                throw new ArgumentException($"The label '{label}' appears twice in set '{name}'; labels must be unique ignoring case.", nameof(labels));
            }

            list.Add(label);
        }

        if (list.Count < 2)
        {
            throw new ArgumentException($"The label set '{name}' has {list.Count} label(s); give at least two.", nameof(labels));
        }

        return new EmotionLabelSet(name.Trim(), [.. list]);
    }

    /// <summary>
    /// Finds a built-in set by name: <c>semeval-ec</c> (also <c>semeval</c>, <c>ec</c>), <c>ekman</c>, <c>artemis</c>
    /// (also <c>art</c>), ignoring case.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">No built-in set has that name.</exception>
    public static EmotionLabelSet FromName(string name) => (name ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "semeval-ec" or "semeval" or "ec" => SemEvalEc,
        "ekman" => Ekman,
        "artemis" or "art" => ArtEmis,
        _ => throw new ArgumentException($"'{name}' is not a built-in emotion label set; use semeval-ec, ekman or artemis.", nameof(name)),
    };

    /// <summary>Whether <paramref name="label"/> is in the set (ignoring case; no trimming).</summary>
    /// <param name="label">The label.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string? label) => label is not null && _lookup.Contains(label);

    /// <summary>Finds the set's own spelling of <paramref name="label"/> (ignoring case; no trimming).</summary>
    /// <param name="label">The label.</param>
    /// <param name="canonical">The lower-case label of the set, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the label is in the set.</returns>
    public bool TryGetLabel(string? label, out string? canonical)
    {
        canonical = label is not null && _lookup.TryGetValue(label, out var found) ? found : null;
        return canonical is not null;
    }

    /// <summary>The set's own spelling of <paramref name="label"/>.</summary>
    /// <param name="label">The label (ignoring case, trimmed).</param>
    /// <param name="parameterName">The caller's parameter name for the error.</param>
    /// <returns>The lower-case label.</returns>
    /// <exception cref="ArgumentException">The label is not in the set.</exception>
    public string Require(string? label, string parameterName = "emotion") =>
        TryGetLabel(label?.Trim(), out var canonical)
            ? canonical!
            : throw new ArgumentException($"'{label}' is not in the emotion label set '{Name}'; use one of: {string.Join(", ", Labels)}.", parameterName);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({string.Join(", ", Labels)})";
}
