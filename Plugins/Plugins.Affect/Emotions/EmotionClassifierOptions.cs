using System;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Emotions;

/// <summary>Options of <see cref="EmotionClassifier"/>. Validated when the classifier is created.</summary>
public sealed class EmotionClassifierOptions
{
    /// <summary>Gets or sets the default label set (classification, intensity and cause). Default <see cref="EmotionLabelSet.SemEvalEc"/>.</summary>
    public EmotionLabelSet LabelSet { get; set; } = EmotionLabelSet.SemEvalEc;

    /// <summary>Gets or sets the most labels a multi-label answer may hold (1..the set's size; capped at the set's size). Default 3.</summary>
    public int MaxLabels { get; set; } = 3;

    /// <summary>Gets or sets a value indicating whether stage-1 hints (HEF) go into the prompts. Default <see langword="true"/>.</summary>
    public bool UseHints { get; set; } = true;

    /// <summary>Gets or sets the hint options. Default <see cref="EmotionHintOptions"/>'s defaults.</summary>
    public EmotionHintOptions Hints { get; set; } = new();

    /// <summary>Gets or sets the cue-word list of the hints; <see langword="null"/> (default) = <see cref="EmotionLexicon.Default"/>.</summary>
    public EmotionLexicon? Lexicon { get; set; }

    /// <summary>Gets or sets the most words a quoted cause may have (1..32). Default 8.</summary>
    public int MaxCauseWords { get; set; } = 8;

    /// <summary>
    /// Gets or sets the most cause spans offered as the schema's enum (1..4096); a longer text gets a free string of at
    /// most <see cref="MaxCauseLength"/> characters, checked against the text after the fact. Default 512.
    /// </summary>
    public int MaxCauseSpans { get; set; } = 512;

    /// <summary>Gets or sets the longest cause, in characters (1..1000). Default 160.</summary>
    public int MaxCauseLength { get; set; } = 160;

    /// <summary>Gets or sets the longest text accepted, in characters (1..100000). Default 4000.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Gets or sets the output budget of each answer, unless <see cref="ChatOptions"/> sets one (8..4096). Default 64.</summary>
    public int MaxOutputTokens { get; set; } = 64;

    /// <summary>
    /// Gets or sets the base chat options (cloned per request, never modified; e.g. model settings in
    /// <c>AdditionalProperties</c>). The classifier sets <c>ResponseFormat</c>, and <c>Temperature</c> (0) and
    /// <c>MaxOutputTokens</c> where unset. Default <see langword="null"/>.
    /// </summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The label set is missing or an option is out of range.</exception>
    public void Validate()
    {
        if (LabelSet is null)
        {
            throw new ArgumentException("EmotionClassifierOptions.LabelSet is null; use EmotionLabelSet.SemEvalEc or a custom set.", nameof(LabelSet));
        }

        ArgumentNullException.ThrowIfNull(Hints, nameof(Hints));
        Hints.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLabels, 1, nameof(MaxLabels));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCauseWords, 1, nameof(MaxCauseWords));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCauseWords, 32, nameof(MaxCauseWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCauseSpans, 1, nameof(MaxCauseSpans));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCauseSpans, 4096, nameof(MaxCauseSpans));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCauseLength, 1, nameof(MaxCauseLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCauseLength, 1000, nameof(MaxCauseLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLength, 1, nameof(MaxTextLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTextLength, 100_000, nameof(MaxTextLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputTokens, 8, nameof(MaxOutputTokens));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxOutputTokens, 4096, nameof(MaxOutputTokens));
    }
}
