using System.Collections.Generic;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Planning;

/// <summary>The planner's answer for one step.</summary>
/// <param name="Action">The parsed action, or null when the model's answer was no valid call (see <paramref name="Reason"/>).</param>
/// <param name="Marks">The marked candidates the model saw, with their mark ids (1-based) as <see cref="GuiCandidate.Id"/>.</param>
/// <param name="Raw">The model's answer: the call as JSON, or its text.</param>
/// <param name="Reason">Why <paramref name="Action"/> is null, or empty.</param>
public sealed record GuiActionPlan(GuiAction? Action, IReadOnlyList<GuiCandidate> Marks, string Raw, string Reason)
{
    /// <summary>Gets the candidate of the action's mark, or null (no action, no mark, or a mark not in the list).</summary>
    public GuiCandidate? Target => Action?.Mark is int mark && mark >= 1 && mark <= Marks.Count ? Marks[mark - 1] : null;
}
