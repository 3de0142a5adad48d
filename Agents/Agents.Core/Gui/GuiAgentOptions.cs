using System;
using Plugins.Gui.Planning;

namespace Agents.Core.Gui;

/// <summary>Options of <see cref="GuiAgent"/>.</summary>
public sealed class GuiAgentOptions
{
    /// <summary>Gets or sets the most planned steps per task (each one observation and one model call). Default 24.</summary>
    public int MaxSteps { get; set; } = 24;

    /// <summary>
    /// Gets or sets how many tries a step gets before the agent reports the failure and stops: the chosen mark, then the
    /// same element described in words (grounded again on a new observation), then a new plan, sampled at
    /// <see cref="RetryTemperature"/>, with the failure in the history. Default 3.
    /// </summary>
    public int MaxTriesPerStep { get; set; } = 3;

    /// <summary>Gets or sets the sampling temperature of a retry's plan (the first try is greedy). Default 0.8.</summary>
    public float RetryTemperature { get; set; } = 0.8f;

    /// <summary>Gets or sets the planner's options (marks, image size, model options such as the pruning method).</summary>
    public GuiActionPlannerOptions Planner { get; set; } = new();

    /// <summary>Gets or sets whether each step keeps its annotated screenshot (PNG) for the report. Default true.</summary>
    public bool KeepScreenshots { get; set; } = true;

    /// <summary>Throws when an option is out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (MaxSteps < 1)
        {
            throw new ArgumentException($"GuiAgentOptions.MaxSteps is {MaxSteps}; expected at least 1.", nameof(MaxSteps));
        }

        if (MaxTriesPerStep < 1)
        {
            throw new ArgumentException($"GuiAgentOptions.MaxTriesPerStep is {MaxTriesPerStep}; expected at least 1.", nameof(MaxTriesPerStep));
        }

        if (RetryTemperature is < 0 or > 2)
        {
            throw new ArgumentException($"GuiAgentOptions.RetryTemperature is {RetryTemperature}; expected 0 to 2.", nameof(RetryTemperature));
        }

        ArgumentNullException.ThrowIfNull(Planner, nameof(Planner));
        Planner.Validate();
    }
}
