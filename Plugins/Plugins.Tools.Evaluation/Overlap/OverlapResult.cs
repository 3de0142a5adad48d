using System.Collections.Generic;

namespace Plugins.Tools.Evaluation.Overlap;

/// <summary>How much of an instruction's wording its best-overlapping acceptable tool shares (<see cref="LexicalOverlap"/>).</summary>
/// <param name="InstructionStems">The instruction's distinct content-word stems.</param>
/// <param name="BestTool">The acceptable tool sharing the most stems (the first such tool on ties), or null when there are no acceptable tools.</param>
/// <param name="SharedStems">The stems the instruction shares with <paramref name="BestTool"/>'s name and description.</param>
public sealed record OverlapResult(IReadOnlyList<string> InstructionStems, string? BestTool, IReadOnlyList<string> SharedStems)
{
    /// <summary>Gets the share of the instruction's content stems found in the best tool's text (0 when the instruction has none).</summary>
    public double Share => InstructionStems.Count == 0 ? 0 : (double)SharedStems.Count / InstructionStems.Count;

    /// <summary>Gets whether the instruction is low-overlap: at most <see cref="LexicalOverlap.LowOverlapMaxSharedStems"/> stem shared with every acceptable tool.</summary>
    public bool IsLowOverlap => SharedStems.Count <= LexicalOverlap.LowOverlapMaxSharedStems;
}
