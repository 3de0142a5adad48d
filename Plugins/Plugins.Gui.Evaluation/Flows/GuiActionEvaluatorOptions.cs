using System;
using Microsoft.Extensions.AI;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>Options of <see cref="GuiActionEvaluator"/>.</summary>
public sealed class GuiActionEvaluatorOptions
{
    /// <summary>Gets or sets the model options (pruning travels in <see cref="ChatOptions.AdditionalProperties"/>); default null.</summary>
    public ChatOptions? ModelOptions { get; set; }

    /// <summary>Gets or sets the most flows evaluated (default 0: all).</summary>
    public int Limit { get; set; }

    /// <summary>Gets or sets whether flows are also run end to end (default true).</summary>
    public bool EndToEnd { get; set; } = true;

    /// <summary>Gets or sets the extra steps the end-to-end loop may take beyond the scripted length (default 3).</summary>
    public int ExtraSteps { get; set; } = 3;

    /// <summary>Gets or sets the Chromium executable, or null to find Debian's.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>Gets or sets a progress sink (flows done), or null.</summary>
    public IProgress<int>? Progress { get; set; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "GuiActionEvaluatorOptions.Limit must be 0 (all) or positive.");
        }

        if (ExtraSteps is < 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraSteps), ExtraSteps, "GuiActionEvaluatorOptions.ExtraSteps must be between 0 and 50 (default 3).");
        }
    }
}
