using System.Collections.Generic;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>
/// One generated multi-step flow: the task, the page it starts on, the scripted correct steps (ending with done) and
/// the success check (the final page's text contains every <see cref="Expected"/> string).
/// </summary>
/// <param name="Id">The flow id, also its site folder name (e.g. <c>train-s7-0003</c>).</param>
/// <param name="Kind">The flow kind: signin, register, search, settings or checkout.</param>
/// <param name="Layout">The layout: stacked, inline, card or tall (a tall page needs a scroll before its button).</param>
/// <param name="Theme">The theme name.</param>
/// <param name="Split">train or heldout.</param>
/// <param name="Task">The task text given to the planner.</param>
/// <param name="StartPage">The start page, relative to the sites folder (e.g. <c>train-s7-0003/index.html</c>).</param>
/// <param name="Steps">The scripted steps.</param>
/// <param name="Expected">Strings the final page must show (e.g. <c>Email: ann@example.org</c>).</param>
public sealed record GuiFlow(
    string Id,
    string Kind,
    string Layout,
    string Theme,
    string Split,
    string Task,
    string StartPage,
    IReadOnlyList<GuiFlowStep> Steps,
    IReadOnlyList<string> Expected)
{
    /// <summary>Gets whether the flow uses a label reserved for held-out flows.</summary>
    public bool ReservedLabels { get; init; }
}
