using System;
using System.Collections.Generic;
using System.Linq;
using Plugins.Gui.Planning;
using Plugins.Gui.Seeing;

namespace Plugins.Gui.Evaluation.Flows;

/// <summary>One scripted step of a flow: the tool and, for element tools, the target element's id and accessible name.</summary>
/// <param name="Tool">The tool name: click, type_text, select_option, press_key, scroll or done.</param>
/// <param name="TargetId">The target element's HTML id (click, type_text, select_option), or null.</param>
/// <param name="TargetName">The target element's accessible name (its label), or null.</param>
/// <param name="Text">The text (type_text), the option label (select_option), the key (press_key) or the direction (scroll), or null.</param>
public sealed record GuiFlowStep(string Tool, string? TargetId = null, string? TargetName = null, string? Text = null)
{
    /// <summary>Gets whether the step acts on an element.</summary>
    public bool HasTarget => TargetId is not null;

    /// <summary>The CSS path the observer gives the target element (<c>#id</c>).</summary>
    public string? TargetCssPath => TargetId is null ? null : "#" + TargetId;

    /// <summary>
    /// The step as a planner action on <paramref name="marks"/>: the mark is the one whose element is the target; null
    /// when the target is not among the marks.
    /// </summary>
    /// <param name="marks">The planner's marks (<see cref="GuiActionPlan.Marks"/>).</param>
    public GuiAction? ToAction(IReadOnlyList<GuiCandidate> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        int? mark = null;
        if (HasTarget)
        {
            mark = marks.FirstOrDefault(m => string.Equals(m.Reference?.CssPath, TargetCssPath, StringComparison.Ordinal))?.Id;
            if (mark is null)
            {
                return null;
            }
        }

        return Tool switch
        {
            "click" => GuiAction.Click(mark!.Value),
            "type_text" => GuiAction.TypeText(mark!.Value, Text ?? string.Empty),
            "select_option" => GuiAction.SelectOption(mark!.Value, Text ?? string.Empty),
            "press_key" => GuiAction.PressKey(Text ?? "Enter"),
            "scroll" => GuiAction.Scroll(Text ?? "down"),
            _ => GuiAction.Done(),
        };
    }

    /// <summary>
    /// Whether <paramref name="action"/>, chosen on <paramref name="marks"/>, is this step: the same tool, the same target
    /// element, the same text or option (ordinal), key (ignoring case) or direction.
    /// </summary>
    /// <param name="action">The planner's action, or null (never matches).</param>
    /// <param name="marks">The marks the action's mark refers to.</param>
    public bool Matches(GuiAction? action, IReadOnlyList<GuiCandidate> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (action is null || !string.Equals(action.ToolName, Tool, StringComparison.Ordinal))
        {
            return false;
        }

        if (HasTarget)
        {
            if (action.Mark is not int m || m < 1 || m > marks.Count
                || !string.Equals(marks[m - 1].Reference?.CssPath, TargetCssPath, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return action.Kind switch
        {
            GuiActionKind.TypeText => string.Equals(action.Text, Text, StringComparison.Ordinal),
            GuiActionKind.SelectOption => string.Equals(action.Option, Text, StringComparison.Ordinal),
            GuiActionKind.PressKey => string.Equals(action.Key, Text, StringComparison.OrdinalIgnoreCase),
            GuiActionKind.Scroll => string.Equals(action.Direction, Text, StringComparison.Ordinal),
            _ => true,
        };
    }

    /// <summary>The history line of the step, naming the target by <see cref="TargetName"/> (as the planner's lines do).</summary>
    public string Describe()
    {
        var action = Tool switch
        {
            "click" => GuiAction.Click(0),
            "type_text" => GuiAction.TypeText(0, Text ?? string.Empty),
            "select_option" => GuiAction.SelectOption(0, Text ?? string.Empty),
            "press_key" => GuiAction.PressKey(Text ?? "Enter"),
            "scroll" => GuiAction.Scroll(Text ?? "down"),
            _ => GuiAction.Done(),
        };
        return action.Describe(TargetName);
    }
}
