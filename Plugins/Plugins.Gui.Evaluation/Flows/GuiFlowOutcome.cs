using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>The result of one flow.</summary>
/// <param name="Id">The flow id.</param>
/// <param name="Kind">The flow kind.</param>
/// <param name="Layout">The layout.</param>
/// <param name="Steps">The scripted steps.</param>
/// <param name="StepsRight">The teacher-forced steps the planner got right.</param>
/// <param name="Completed">Whether the end-to-end loop said done on a page passing the success check (false when not run).</param>
/// <param name="Actions">The end-to-end loop's actions, as history lines (raw answers for unusable ones).</param>
public sealed record GuiFlowOutcome(string Id, string Kind, string Layout, int Steps, int StepsRight, bool Completed, IReadOnlyList<string> Actions);
