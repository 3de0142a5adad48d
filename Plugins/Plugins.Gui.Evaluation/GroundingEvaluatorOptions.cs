using System;
using Microsoft.Extensions.AI;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation;

/// <summary>Options of <see cref="GroundingEvaluator"/>; checked by <see cref="Validate"/>.</summary>
public sealed class GroundingEvaluatorOptions
{
    /// <summary>Evaluate only the first N records; null (the default) for all. At least 1 when set.</summary>
    public int? Limit { get; init; }

    /// <summary>The Chromium executable for page tasks; null to let <see cref="Browser.ChromiumLocator"/> find it.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>How the page observer collects candidates; null for its defaults.</summary>
    public PageObserverOptions? Observer { get; init; }

    /// <summary>Chat options passed to model-backed grounders with every request (cloned by them); null for none.</summary>
    public ChatOptions? ModelOptions { get; init; }

    /// <summary>
    /// Whether to run the grounder once, untimed and unscored, on the first observation before timing (default true),
    /// so one-time start-up (an embedding model's session, an OCR engine's data) is not counted as task time.
    /// </summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Whether each outcome keeps its screenshot, which the HTML report draws (default true).</summary>
    public bool KeepScreenshots { get; init; } = true;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentException"><see cref="Limit"/> is under 1.</exception>
    public void Validate()
    {
        if (Limit is < 1)
        {
            throw new ArgumentException($"GroundingEvaluatorOptions.Limit must be at least 1 (or null for all records), got {Limit}.", nameof(Limit));
        }
    }
}
