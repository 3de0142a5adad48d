using System;
using Microsoft.Extensions.AI;
using Plugins.Affect.Emotions;

namespace Plugins.Affect.Visual;

/// <summary>Options of <see cref="VisualEmotionReader"/>. Validated when the reader is created.</summary>
public sealed class VisualEmotionReaderOptions
{
    /// <summary>Gets or sets the default label set. Default <see cref="EmotionLabelSet.ArtEmis"/> (the art-emotion set).</summary>
    public EmotionLabelSet LabelSet { get; set; } = EmotionLabelSet.ArtEmis;

    /// <summary>Gets or sets the most clues (1..8). Default 3.</summary>
    public int MaxClues { get; set; } = 3;

    /// <summary>Gets or sets the longest clue, in characters (4..200). Default 40.</summary>
    public int MaxClueLength { get; set; } = 40;

    /// <summary>Gets or sets the output budget, unless <see cref="ChatOptions"/> sets one (8..4096). Default 64.</summary>
    public int MaxOutputTokens { get; set; } = 64;

    /// <summary>
    /// Gets or sets the base chat options (cloned per request, never modified; e.g. visual-token pruning settings in
    /// <c>AdditionalProperties</c>). The reader sets <c>ResponseFormat</c>, and <c>Temperature</c> (0) and
    /// <c>MaxOutputTokens</c> where unset. Default <see langword="null"/>.
    /// </summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The label set is missing or an option is out of range.</exception>
    public void Validate()
    {
        if (LabelSet is null)
        {
            throw new ArgumentException("VisualEmotionReaderOptions.LabelSet is null; use EmotionLabelSet.ArtEmis or another set.", nameof(LabelSet));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClues, 1, nameof(MaxClues));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxClues, 8, nameof(MaxClues));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClueLength, 4, nameof(MaxClueLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxClueLength, 200, nameof(MaxClueLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputTokens, 8, nameof(MaxOutputTokens));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxOutputTokens, 4096, nameof(MaxOutputTokens));
    }
}
