using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Plugins.Tools.Retrieval;

/// <summary>What a user asked for: an instruction and, optionally, images (MLLM-Tool's multimodal instructions).</summary>
public sealed record ToolQuery
{
    /// <summary>Creates a query for <paramref name="instruction"/>.</summary>
    /// <param name="instruction">The instruction text; must not be empty or white space.</param>
    /// <exception cref="ArgumentException"><paramref name="instruction"/> is empty or white space.</exception>
    public ToolQuery(string instruction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instruction);
        Instruction = instruction;
    }

    /// <summary>Gets the instruction text.</summary>
    public string Instruction { get; }

    /// <summary>Gets the images that come with the instruction (<see cref="DataContent"/> with an <c>image/*</c> media type); empty when there are none.</summary>
    public IReadOnlyList<DataContent> Images { get; init; } = [];
}
