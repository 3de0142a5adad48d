using System;
using System.Collections.Generic;

namespace Agents.Core.Gui;

/// <summary>The result of <see cref="GuiAgent.RunAsync"/>.</summary>
/// <param name="Task">The task text.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="Finished">Whether the model called done (it believes the task is complete).</param>
/// <param name="Verified">Whether the caller's check confirmed the task is done; null when no check was given.</param>
/// <param name="Reason">Why the run ended: done, the step limit, repeated failures, or the check's verdict.</param>
/// <param name="Elapsed">The whole run.</param>
public sealed record GuiAgentRun(string Task, IReadOnlyList<GuiAgentStep> Steps, bool Finished, bool? Verified, string Reason, TimeSpan Elapsed)
{
    /// <summary>Gets whether the task is done: verified when a check was given, else finished.</summary>
    public bool Succeeded => Verified ?? Finished;
}
