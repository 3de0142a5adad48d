using System;

namespace Plugins.Affect.Support;

/// <summary>Options of <see cref="SupportStrategyPlanner"/> and <see cref="SupportResponder"/>. Validated by their constructors.</summary>
public sealed class SupportOptions
{
    /// <summary>Gets or sets the strategies to choose from. Default <see cref="SupportStrategySet.Default"/> (ESConv's eight).</summary>
    public SupportStrategySet Strategies { get; set; } = SupportStrategySet.Default;

    /// <summary>Gets or sets the most recent conversation turns (user and assistant messages) the prompts include. Default 8; at least 1.</summary>
    public int MaxHistoryMessages { get; set; } = 8;

    /// <summary>Gets or sets a value indicating whether the planner's prompt lists each strategy's definition (otherwise names only, for small contexts). Default <see langword="true"/>.</summary>
    public bool PlannerIncludesDefinitions { get; set; } = true;

    /// <summary>Gets or sets the planner's output token limit (its answer is one short JSON object). Default 32; at least 8.</summary>
    public int PlannerMaxOutputTokens { get; set; } = 32;

    /// <summary>Gets or sets the responder's output token limit. Default 160; at least 1.</summary>
    public int ResponderMaxOutputTokens { get; set; } = 160;

    /// <summary>Gets or sets the responder's sampling temperature. Default <see langword="null"/> (the client's default).</summary>
    public float? ResponderTemperature { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Strategies, nameof(Strategies));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistoryMessages, 1, nameof(MaxHistoryMessages));
        ArgumentOutOfRangeException.ThrowIfLessThan(PlannerMaxOutputTokens, 8, nameof(PlannerMaxOutputTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResponderMaxOutputTokens, 1, nameof(ResponderMaxOutputTokens));
        if (ResponderTemperature is { } t && (t < 0 || float.IsNaN(t)))
        {
            throw new ArgumentOutOfRangeException(nameof(ResponderTemperature), t, "ResponderTemperature must be >= 0 or null.");
        }
    }
}
