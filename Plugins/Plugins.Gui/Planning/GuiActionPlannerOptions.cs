using System;
using Microsoft.Extensions.AI;

namespace Plugins.Gui.Planning;

/// <summary>Options of <see cref="GuiActionPlanner"/>.</summary>
public sealed class GuiActionPlannerOptions
{
    /// <summary>Gets or sets the most candidates marked and listed (default 15).</summary>
    public int MaxMarks { get; set; } = 15;

    /// <summary>Gets or sets the most previous actions listed, the latest kept (default 8).</summary>
    public int MaxHistory { get; set; } = 8;

    /// <summary>Gets or sets the longest side of the marked screenshot sent to the model, in pixels (default 448).</summary>
    public int LongestSide { get; set; } = 448;

    /// <summary>Gets or sets the output-token cap when the request options leave it unset (default 48).</summary>
    public int MaxOutputTokens { get; set; } = 48;

    /// <summary>Gets or sets the temperature when the request options leave it unset (default 0).</summary>
    public float Temperature { get; set; }

    /// <summary>Gets or sets whether the marks are drawn on the screenshot (default true); false sends the plain screenshot.</summary>
    public bool DrawMarks { get; set; } = true;

    /// <summary>Gets or sets the model options (e.g. <c>pruning_method</c> and <c>visual_token_budget</c> in
    /// <see cref="ChatOptions.AdditionalProperties"/>); cloned per request, never mutated. Default null.</summary>
    public ChatOptions? ModelOptions { get; set; }

    /// <summary>A copy.</summary>
    public GuiActionPlannerOptions Clone() => (GuiActionPlannerOptions)MemberwiseClone();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and its range.</exception>
    public void Validate()
    {
        if (MaxMarks is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMarks), MaxMarks, "GuiActionPlannerOptions.MaxMarks must be between 1 and 99 (default 15).");
        }

        if (MaxHistory is < 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHistory), MaxHistory, "GuiActionPlannerOptions.MaxHistory must be between 0 and 50 (default 8).");
        }

        if (LongestSide is < 64 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(LongestSide), LongestSide, "GuiActionPlannerOptions.LongestSide must be between 64 and 4096 (default 448).");
        }

        if (MaxOutputTokens is < 8 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOutputTokens), MaxOutputTokens, "GuiActionPlannerOptions.MaxOutputTokens must be between 8 and 4096 (default 48).");
        }
    }
}
