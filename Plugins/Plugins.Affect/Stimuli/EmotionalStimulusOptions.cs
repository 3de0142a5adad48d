using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace Plugins.Affect.Stimuli;

/// <summary>
/// Options of <see cref="EmotionalStimulusChatClient"/> and <see cref="EmotionalStimulusPromptRenderFilter"/>: whether a
/// stimulus is appended, which one, how, and to which prompts. Off by default (<see cref="Enabled"/> is
/// <see langword="false"/>). Call <see cref="Validate"/> after changing them; the middleware validates on construction.
/// Not thread-safe while being changed; read-only use is.
/// </summary>
public sealed class EmotionalStimulusOptions
{
    /// <summary>Gets or sets a value indicating whether the stimulus is applied. Default <see langword="false"/>: prompts pass through unchanged.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the stimuli to choose from. Default <see cref="EmotionalStimulusSet.Default"/>.</summary>
    public EmotionalStimulusSet Stimuli { get; set; } = EmotionalStimulusSet.Default;

    /// <summary>
    /// Gets or sets the id of the stimulus to apply. When set, <see cref="Theory"/> and <see cref="Polarity"/> must be unset.
    /// Default <see langword="null"/>: the stimulus is chosen by <see cref="Theory"/>, <see cref="Polarity"/> and <see cref="Choice"/>.
    /// </summary>
    public string? StimulusId { get; set; }

    /// <summary>Gets or sets the theory the stimulus is chosen from. Default <see langword="null"/> (any theory).</summary>
    public StimulusTheory? Theory { get; set; }

    /// <summary>Gets or sets the polarity the stimulus is chosen from. Default <see langword="null"/> (any; with no theory either, positive stimuli come first in data order).</summary>
    public StimulusPolarity? Polarity { get; set; }

    /// <summary>
    /// Gets or sets which of the candidates (the stimuli matching <see cref="Theory"/> and <see cref="Polarity"/>, in data
    /// order) is used: candidate <c>Choice % count</c>. Deterministic: the same options always give the same stimulus.
    /// Default 0 (the first). Must be non-negative.
    /// </summary>
    public int Choice { get; set; }

    /// <summary>Gets or sets how the stimulus is joined to the prompt. Default <see cref="StimulusPlacement.AppendWithSpace"/>.</summary>
    public StimulusPlacement Placement { get; set; } = StimulusPlacement.AppendWithSpace;

    /// <summary>
    /// Gets or sets a predicate that says whether a chat request is an internal task prompt that may carry a stimulus
    /// (<see cref="EmotionalStimulusChatClient"/> only). Default <see langword="null"/>: every request of a client built
    /// with the middleware counts as internal, so put the middleware only on clients that serve internal tasks.
    /// </summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, bool>? ShouldApply { get; set; }

    /// <summary>
    /// Gets the names of the Semantic Kernel functions whose rendered prompts get the stimulus
    /// (<see cref="EmotionalStimulusPromptRenderFilter"/> only), matched case-insensitively against the function name
    /// or <c>plugin.function</c>. Default empty: no function is affected, even when <see cref="Enabled"/> is set.
    /// </summary>
    public ISet<string> AllowedFunctions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The id is unknown, is combined with a theory or polarity, the theory contradicts the polarity, or no stimulus matches.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Choice"/> is negative or <see cref="Placement"/> is not defined.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Stimuli, nameof(Stimuli));
        ArgumentOutOfRangeException.ThrowIfNegative(Choice, nameof(Choice));
        if (!Enum.IsDefined(Placement))
        {
            throw new ArgumentOutOfRangeException(nameof(Placement), Placement, "Placement must be AppendWithSpace or AppendOnNewLine.");
        }

        if (StimulusId is not null)
        {
            if (Theory is not null || Polarity is not null)
            {
                throw new ArgumentException($"StimulusId '{StimulusId}' names the stimulus; leave Theory and Polarity unset, or clear StimulusId to choose by theory/polarity.", nameof(StimulusId));
            }

            if (Stimuli.Find(StimulusId) is null)
            {
                throw new ArgumentException($"StimulusId '{StimulusId}' is not in the stimulus set; known ids: {string.Join(", ", Stimuli.All.Select(s => s.Id))}.", nameof(StimulusId));
            }
        }

        if (Theory is { } theory && Polarity is { } polarity && EmotionalStimulusSet.PolarityOf(theory) != polarity)
        {
            throw new ArgumentException($"Theory {theory} is {EmotionalStimulusSet.PolarityOf(theory)}, but Polarity is {polarity}; set one of them only, or make them agree.", nameof(Theory));
        }

        if (Candidates().Count == 0)
        {
            throw new ArgumentException($"No stimulus in the set matches Theory {Theory?.ToString() ?? "(any)"} and Polarity {Polarity?.ToString() ?? "(any)"}; add stimuli to the set or widen the choice.", nameof(Theory));
        }
    }

    /// <summary>The stimulus these options choose (whether or not <see cref="Enabled"/> is set).</summary>
    /// <returns>The stimulus named by <see cref="StimulusId"/>, or candidate <c>Choice % count</c>.</returns>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="Validate"/>).</exception>
    public EmotionalStimulus Resolve()
    {
        Validate();
        if (StimulusId is not null)
        {
            return Stimuli.Find(StimulusId)!;
        }

        var candidates = Candidates();
        return candidates[Choice % candidates.Count];
    }

    private List<EmotionalStimulus> Candidates() => Stimuli.All
        .Where(s => (Theory is null || s.Theory == Theory) && (Polarity is null || s.Polarity == Polarity))
        .OrderBy(s => s.Polarity)
        .ToList();
}
