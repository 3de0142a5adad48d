namespace Plugins.Gui.Planning;

/// <summary>The kinds of next action the planner can choose; each is one declared tool.</summary>
public enum GuiActionKind
{
    /// <summary>Tool <c>click{mark}</c>.</summary>
    Click,

    /// <summary>Tool <c>type_text{mark,text}</c>.</summary>
    TypeText,

    /// <summary>Tool <c>select_option{mark,option}</c>.</summary>
    SelectOption,

    /// <summary>Tool <c>press_key{key}</c>.</summary>
    PressKey,

    /// <summary>Tool <c>scroll{direction}</c> (<c>up</c> or <c>down</c>).</summary>
    Scroll,

    /// <summary>Tool <c>done{}</c>: the task is complete.</summary>
    Done,
}
