using System;

namespace Agents.Core.Gui;

/// <summary>One step of a <see cref="GuiAgent"/> run: what was planned, on which element, what it did, and what it cost.</summary>
public sealed record GuiAgentStep
{
    /// <summary>Gets the step number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>Gets the try within the step, from 1 (a retry after a failed action has 2, 3, ...).</summary>
    public required int Try { get; init; }

    /// <summary>Gets the action in words, e.g. <c>click button 'Sign in'</c>, or the planner's reason when it gave no usable action.</summary>
    public required string Action { get; init; }

    /// <summary>Gets the tool the model called (click, type_text, select_option, press_key, scroll, done), or null when the answer was unusable.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets what the plugin reported: the effect, or why the action failed.</summary>
    public required string Outcome { get; init; }

    /// <summary>Gets whether the action ran (for done: whether the agent accepted it).</summary>
    public required bool Success { get; init; }

    /// <summary>Gets the page URL after the step.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the visual tokens the planning call kept, or null when the model did not report them (a remote model).</summary>
    public int? VisualTokensKept { get; init; }

    /// <summary>Gets the visual tokens the image had before pruning, or null when not reported.</summary>
    public int? VisualTokensTotal { get; init; }

    /// <summary>Gets the time the model took to plan.</summary>
    public required TimeSpan PlanTime { get; init; }

    /// <summary>Gets the time the action took in the browser.</summary>
    public required TimeSpan ActTime { get; init; }

    /// <summary>Gets the screenshot the plan was made on, with the chosen mark drawn (PNG), or null when screenshots are not kept.</summary>
    public ReadOnlyMemory<byte>? Screenshot { get; init; }
}
