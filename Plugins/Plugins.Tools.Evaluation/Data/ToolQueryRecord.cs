using System.Collections.Generic;

namespace Plugins.Tools.Evaluation.Data;

/// <summary>One query of a data set: <c>{"id", "instruction", "image", "acceptable", "kind"?, "group"?}</c>.</summary>
public sealed record ToolQueryRecord
{
    /// <summary>Gets the query id (unique in the data set).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the instruction (not empty).</summary>
    public required string Instruction { get; init; }

    /// <summary>Gets the image file name, relative to the data file's folder, or null.</summary>
    public string? Image { get; init; }

    /// <summary>Gets the tools any of which is a correct choice (at least one, each naming a tool of the data set).</summary>
    public required IReadOnlyList<string> Acceptable { get; init; }

    /// <summary>Gets the optional kind the generator wrote (<see cref="ToolQueryKinds"/>), or null; the evaluator measures overlap itself and does not trust it.</summary>
    public string? Kind { get; init; }

    /// <summary>Gets the optional synonym group of the acceptable tools, or null.</summary>
    public string? Group { get; init; }
}
