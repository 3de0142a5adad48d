using System.Collections.Generic;

namespace Plugins.Tools.Evaluation;

/// <summary>What the retriever returned for one query, and how it scored.</summary>
public sealed record ToolQueryOutcome
{
    /// <summary>Gets the query id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the instruction.</summary>
    public required string Instruction { get; init; }

    /// <summary>Gets the query's kind from the data file, or null.</summary>
    public string? Kind { get; init; }

    /// <summary>Gets the acceptable tools.</summary>
    public required IReadOnlyList<string> Acceptable { get; init; }

    /// <summary>Gets the tools returned, best first (at most k).</summary>
    public required IReadOnlyList<string> Got { get; init; }

    /// <summary>Gets whether the query came with an image.</summary>
    public bool HasImage { get; init; }

    /// <summary>Gets how many content stems the instruction shares with its best-overlapping acceptable tool (<see cref="Overlap.LexicalOverlap"/>).</summary>
    public int SharedStems { get; init; }

    /// <summary>Gets whether the query is low-overlap (<see cref="Overlap.LexicalOverlap.LowOverlapMaxSharedStems"/>), as measured by the evaluator.</summary>
    public bool IsLowOverlap { get; init; }

    /// <summary>Gets whether the first tool returned is acceptable.</summary>
    public bool Top1Correct { get; init; }

    /// <summary>Gets whether at least one acceptable tool is among those returned.</summary>
    public bool Hit { get; init; }

    /// <summary>Gets the share of the acceptable set among those returned, in [0, 1].</summary>
    public double Recall { get; init; }

    /// <summary>Gets the retrieval time in milliseconds.</summary>
    public double Milliseconds { get; init; }
}
