using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>The GUI-action evaluation's result.</summary>
/// <param name="Flows">The flows evaluated.</param>
/// <param name="Steps">The teacher-forced steps.</param>
/// <param name="StepsRight">The steps right.</param>
/// <param name="FlowsCompleted">The flows completed end to end.</param>
/// <param name="EndToEnd">Whether the end-to-end loop ran.</param>
/// <param name="Outcomes">The per-flow outcomes.</param>
public sealed record GuiActionEvaluation(int Flows, int Steps, int StepsRight, int FlowsCompleted, bool EndToEnd, IReadOnlyList<GuiFlowOutcome> Outcomes)
{
    /// <summary>Gets the headline: the share of steps right (0..1; 0 with no steps).</summary>
    public double StepAccuracy => Steps == 0 ? 0 : (double)StepsRight / Steps;

    /// <summary>Gets the share of flows completed end to end (0..1; 0 with no flows or when not run).</summary>
    public double CompletionRate => Flows == 0 ? 0 : (double)FlowsCompleted / Flows;
}
