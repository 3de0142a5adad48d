using System;

namespace LocalModel.Constrained;

/// <summary>Options of a <see cref="ToolCallConstraint"/>. Validated when the constraint is built, which copies them.</summary>
public sealed class ToolCallConstraintOptions
{
    /// <summary>Gets or sets the one tool the model must call, or <see langword="null"/> (default) for any offered tool.</summary>
    public string? RequiredToolName { get; set; }

    /// <summary>Gets or sets the most tool calls in one output; after that many only the end may follow. Default 8.</summary>
    public int MaxToolCalls { get; set; } = 8;

    /// <summary>Gets or sets the caps on the JSON inside calls. Default: a new <see cref="JsonGrammarOptions"/> (its defaults).</summary>
    public JsonGrammarOptions Json { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxToolCalls);
        ArgumentNullException.ThrowIfNull(Json);
        if (RequiredToolName is { Length: 0 })
        {
            throw new ArgumentException("RequiredToolName must be null or a tool name.", nameof(RequiredToolName));
        }

        Json.Validate();
    }
}
