using System;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Grounding;

/// <summary>A grounder's answer: a point (and the candidate, when known), a confidence and the reason, or a miss.</summary>
public sealed record GroundingResult
{
    /// <summary>Whether a point was found.</summary>
    public bool IsHit => Point is not null;

    /// <summary>The click point in viewport CSS pixels; null on a miss.</summary>
    public CssPoint? Point { get; init; }

    /// <summary>The candidate the point belongs to, when the grounder knows it.</summary>
    public GuiCandidate? Candidate { get; init; }

    /// <summary>Confidence in [0, 1]; 0 on a miss.</summary>
    public double Confidence { get; init; }

    /// <summary>Why this point (or why none), in a sentence a person or a model can read.</summary>
    public required string Reason { get; init; }

    /// <summary>The model's raw answer, for model-backed grounders.</summary>
    public string? RawAnswer { get; init; }

    /// <summary>A hit at <paramref name="point"/>.</summary>
    public static GroundingResult Hit(CssPoint point, GuiCandidate? candidate, double confidence, string reason, string? rawAnswer = null) =>
        new() { Point = point, Candidate = candidate, Confidence = Math.Clamp(confidence, 0, 1), Reason = reason, RawAnswer = rawAnswer };

    /// <summary>A miss, with the reason.</summary>
    public static GroundingResult Miss(string reason, string? rawAnswer = null) =>
        new() { Reason = reason, RawAnswer = rawAnswer };
}
